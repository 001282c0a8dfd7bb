package picotest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrInvalidScenario is returned when a scenario file cannot be read or does
// not follow the format; `krl test` exits with status 2 for it.
var ErrInvalidScenario = errors.New("picotest: invalid scenario")

// Scenario is a parsed scenario file (the format of the design document,
// §6): rulesets to register, what the main pico installs, more picos, and
// the steps to run.
type Scenario struct {
	// Path is the file the scenario was read from ("" for ParseScenario).
	Path string
	// Rulesets in file order.
	Rulesets []RulesetSpec
	// Install is what the main pico gets at the start. InstallGiven is false
	// when the file has no "install" key: then every ruleset is installed,
	// modules before their users.
	Install      []InstallSpec
	InstallGiven bool
	// Picos in file order (each created after the ones before it).
	Picos []PicoSpec
	Steps []Step
}

// RulesetSpec is one entry of "rulesets".
type RulesetSpec struct {
	RID    string
	Source []byte
	File   string // the file the source came from, or "" when inline
}

// InstallSpec is one ruleset to install, with its configuration.
type InstallSpec struct {
	RID    string
	Config map[string]any
}

// PicoSpec is one entry of "picos".
type PicoSpec struct {
	Label   string
	Parent  string
	Install []InstallSpec
}

// Step is one step of a scenario. Which fields apply depends on Kind:
// "event", "query", "ent", "install", "uninstall", "new_pico", "del_pico",
// "advance".
type Step struct {
	Kind   string          `json:"kind"`
	Pico   string          `json:"pico,omitempty"`
	ECI    string          `json:"eci,omitempty"`
	Domain string          `json:"domain,omitempty"`
	Type   string          `json:"type,omitempty"`
	Attrs  json.RawMessage `json:"attrs,omitempty"`
	Time   *int64          `json:"time,omitempty"`
	RID    string          `json:"rid,omitempty"`
	Name   string          `json:"name,omitempty"`
	Args   json.RawMessage `json:"args,omitempty"`
	Config json.RawMessage `json:"config,omitempty"`
	Label  string          `json:"label,omitempty"`
	Parent string          `json:"parent,omitempty"`
	// Install is the list of rulesets of a new_pico step.
	Install []json.RawMessage `json:"install,omitempty"`
	MS      int64             `json:"ms,omitempty"`

	// Expectations. Expect is set (non-nil, possibly the JSON null) when the
	// step has an "expect" key.
	Expect           json.RawMessage `json:"expect,omitempty"`
	ExpectDirectives json.RawMessage `json:"expect_directives,omitempty"`
	ExpectError      *string         `json:"expect_error,omitempty"`
}

// HasExpectation reports whether the step checks anything.
func (s *Step) HasExpectation() bool {
	return s.Expect != nil || s.ExpectDirectives != nil || s.ExpectError != nil
}

// ReadScenario reads and parses a scenario file. Ruleset files named with
// {"file": p} are read relative to the scenario's folder.
func ReadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidScenario, err)
	}
	sc, err := parseScenario(data, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sc.Path = path
	return sc, nil
}

// ParseScenario parses a scenario from data; {"file": p} paths are relative
// to dir.
func ParseScenario(data []byte, dir string) (*Scenario, error) { return parseScenario(data, dir) }

func parseScenario(data []byte, dir string) (*Scenario, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidScenario, fmt.Sprintf(format, args...))
	}
	top, err := orderedObject(data)
	if err != nil {
		return nil, bad("%v", err)
	}
	sc := &Scenario{}
	for _, kv := range top {
		switch kv.key {
		case "rulesets":
			entries, err := orderedObject(kv.val)
			if err != nil {
				return nil, bad("rulesets: %v", err)
			}
			for _, e := range entries {
				spec := RulesetSpec{RID: e.key}
				var src string
				if json.Unmarshal(e.val, &src) == nil {
					spec.Source = []byte(src)
				} else {
					var f struct {
						File string `json:"file"`
					}
					if err := json.Unmarshal(e.val, &f); err != nil || f.File == "" {
						return nil, bad("rulesets.%s: want a KRL source string or {\"file\": path}", e.key)
					}
					p := f.File
					if !filepath.IsAbs(p) {
						p = filepath.Join(dir, p)
					}
					b, err := os.ReadFile(p)
					if err != nil {
						return nil, bad("rulesets.%s: %v", e.key, err)
					}
					spec.Source, spec.File = b, p
				}
				sc.Rulesets = append(sc.Rulesets, spec)
			}
		case "install":
			var list []json.RawMessage
			if err := json.Unmarshal(kv.val, &list); err != nil {
				return nil, bad("install: want a list")
			}
			sc.InstallGiven = true
			sc.Install = []InstallSpec{}
			for _, raw := range list {
				is, err := parseInstall(raw)
				if err != nil {
					return nil, bad("install: %v", err)
				}
				sc.Install = append(sc.Install, is)
			}
		case "picos":
			entries, err := orderedObject(kv.val)
			if err != nil {
				return nil, bad("picos: %v", err)
			}
			for _, e := range entries {
				var p struct {
					Parent  string            `json:"parent"`
					Install []json.RawMessage `json:"install"`
				}
				if err := json.Unmarshal(e.val, &p); err != nil {
					return nil, bad("picos.%s: %v", e.key, err)
				}
				spec := PicoSpec{Label: e.key, Parent: p.Parent}
				if spec.Parent == "" {
					spec.Parent = "main"
				}
				for _, raw := range p.Install {
					is, err := parseInstall(raw)
					if err != nil {
						return nil, bad("picos.%s.install: %v", e.key, err)
					}
					spec.Install = append(spec.Install, is)
				}
				sc.Picos = append(sc.Picos, spec)
			}
		case "steps":
			var raws []json.RawMessage
			if err := json.Unmarshal(kv.val, &raws); err != nil {
				return nil, bad("steps: want a list")
			}
			for i, raw := range raws {
				var st Step
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&st); err != nil {
					return nil, bad("steps[%d]: %v", i, err)
				}
				// json.RawMessage drops a literal null; keep "expect": null.
				if st.Expect == nil && hasKey(raw, "expect") {
					st.Expect = json.RawMessage("null")
				}
				if err := checkStep(&st); err != nil {
					return nil, bad("steps[%d]: %v", i, err)
				}
				sc.Steps = append(sc.Steps, st)
			}
		default:
			return nil, bad("unknown key %q", kv.key)
		}
	}
	return sc, nil
}

func parseInstall(raw json.RawMessage) (InstallSpec, error) {
	var rid string
	if json.Unmarshal(raw, &rid) == nil {
		return InstallSpec{RID: rid}, nil
	}
	var obj struct {
		RID    string         `json:"rid"`
		Config map[string]any `json:"config"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil || obj.RID == "" {
		return InstallSpec{}, fmt.Errorf("want a rid or {\"rid\", \"config\"}")
	}
	return InstallSpec{RID: obj.RID, Config: obj.Config}, nil
}

func checkStep(st *Step) error {
	switch st.Kind {
	case "event":
		if st.Domain == "" || st.Type == "" {
			return errors.New("an event step needs domain and type")
		}
	case "query":
		if st.RID == "" || st.Name == "" {
			return errors.New("a query step needs rid and name")
		}
	case "ent":
		if st.RID == "" || st.Name == "" {
			return errors.New("an ent step needs rid and name")
		}
	case "install", "uninstall":
		if st.RID == "" {
			return fmt.Errorf("an %s step needs rid", st.Kind)
		}
	case "new_pico":
		if st.Label == "" {
			return errors.New("a new_pico step needs label")
		}
	case "del_pico":
		if st.Label == "" {
			return errors.New("a del_pico step needs label")
		}
	case "advance":
		if st.MS < 0 {
			return errors.New("advance needs ms >= 0")
		}
	default:
		return fmt.Errorf("unknown step kind %q", st.Kind)
	}
	return nil
}

type keyVal struct {
	key string
	val json.RawMessage
}

// orderedObject decodes a JSON object keeping its keys in file order.
func orderedObject(data []byte) ([]keyVal, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("want a JSON object")
	}
	var out []keyVal
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		out = append(out, keyVal{key, val})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	return out, nil
}

func hasKey(obj json.RawMessage, key string) bool {
	kvs, err := orderedObject(obj)
	if err != nil {
		return false
	}
	for _, kv := range kvs {
		if kv.key == key {
			return true
		}
	}
	return false
}
