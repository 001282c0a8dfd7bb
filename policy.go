package pico

import (
	"fmt"
	"strings"
)

// matchField reports whether a policy rule field matches a value: "*"
// matches anything, any other string must be equal.
func matchField(rule, v string) bool { return rule == "*" || rule == v }

// allowsEvent applies an event policy: any matching deny rule refuses, then
// one matching allow rule is needed.
func (p *Policy) allowsEvent(domain, typ string) error {
	for _, r := range p.Deny {
		if matchField(r.Domain, domain) && matchField(r.Name, typ) {
			return fmt.Errorf("%w: event %s:%s is denied", ErrPolicyDenied, domain, typ)
		}
	}
	for _, r := range p.Allow {
		if matchField(r.Domain, domain) && matchField(r.Name, typ) {
			return nil
		}
	}
	return fmt.Errorf("%w: event %s:%s is not allowed", ErrPolicyDenied, domain, typ)
}

// allowsQuery applies a query policy to (rid, name).
func (p *Policy) allowsQuery(rid, name string) error {
	for _, r := range p.Deny {
		if matchField(r.RID, rid) && matchField(r.Name, name) {
			return fmt.Errorf("%w: query %s/%s is denied", ErrPolicyDenied, rid, name)
		}
	}
	for _, r := range p.Allow {
		if matchField(r.RID, rid) && matchField(r.Name, name) {
			return nil
		}
	}
	return fmt.Errorf("%w: query %s/%s is not allowed", ErrPolicyDenied, rid, name)
}

// cleanEventPolicy validates and normalises an event policy: every rule needs
// a non-blank domain and name (trimmed), and no rid.
func cleanEventPolicy(p Policy) (Policy, error) { return cleanPolicy(p, false) }

// cleanQueryPolicy validates and normalises a query policy: every rule needs
// a non-blank rid and name (trimmed), and no domain.
func cleanQueryPolicy(p Policy) (Policy, error) { return cleanPolicy(p, true) }

func cleanPolicy(p Policy, query bool) (Policy, error) {
	clean := func(rules []PolicyRule) ([]PolicyRule, error) {
		out := make([]PolicyRule, 0, len(rules))
		for _, r := range rules {
			r.Domain, r.RID, r.Name = strings.TrimSpace(r.Domain), strings.TrimSpace(r.RID), strings.TrimSpace(r.Name)
			if query {
				if r.RID == "" || r.Name == "" || r.Domain != "" {
					return nil, fmt.Errorf("%w: a query policy rule needs a rid and a name (got %+v)", ErrInvalid, r)
				}
			} else if r.Domain == "" || r.Name == "" || r.RID != "" {
				return nil, fmt.Errorf("%w: an event policy rule needs a domain and a name (got %+v)", ErrInvalid, r)
			}
			out = append(out, r)
		}
		return out, nil
	}
	var err error
	var q Policy
	if q.Allow, err = clean(p.Allow); err != nil {
		return Policy{}, err
	}
	if q.Deny, err = clean(p.Deny); err != nil {
		return Policy{}, err
	}
	return q, nil
}

// cleanTags slugifies channel tags the way the reference engine does: runs of
// characters outside [a-z0-9_-] (after lower-casing) become one "-", leading
// and trailing dashes are trimmed. Blank tags and the reserved tag "system"
// are refused.
func cleanTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		s := slugify(t)
		if s == "" {
			return nil, fmt.Errorf("%w: channel tag cannot be a blank string", ErrInvalid)
		}
		if s == "system" {
			return nil, fmt.Errorf("%w: cannot tag channel as %q", ErrInvalid, "system")
		}
		out = append(out, s)
	}
	return out, nil
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-'
		if !ok || r == '-' {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return b.String()
}
