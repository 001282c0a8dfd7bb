package compile

import "github.com/gopico/pico/krl/internal/diag"

// Stable codes of compile errors (diag.Error.Code) and warnings. E1xxx
// belong to the parser; the compiler's errors are E2xxx and its warnings
// W2xxx. Tools and tests match on the codes; the messages may be reworded.
const (
	CodeUndefined        = "E2001" // a name that is not in scope
	CodeDuplicateDecl    = "E2002" // the same name declared twice in one block
	CodeDuplicateRule    = "E2003" // two rules with one name
	CodeDuplicateParam   = "E2004" // a parameter listed twice
	CodeDuplicateAlias   = "E2005" // two `use module` lines with one alias
	CodeDefaultOrder     = "E2006" // a parameter without default after one with a default
	CodeArgOrder         = "E2007" // a positional argument after a named one
	CodeNotFunction      = "E2008" // calling something known not to be a function
	CodeNotAction        = "E2009" // invoking something known not to be an action
	CodeShareUndefined   = "E2010" // `shares x` without a global x
	CodeProvideUndefined = "E2011" // `provides x` without a global x
	CodeShareAction      = "E2012" // `shares a` where a is a defaction
	CodeMetaDuplicate    = "E2013" // two `name` (description, author, version) properties
	CodeUnsupported      = "E2014" // a construct this engine rejects (keys, errors to, app:, provides keys)
	CodeEntDomain        = "E2015" // `:=` or `clear` on something other than ent:
	CodeMissingSelect    = "E2016" // an active rule without select
	CodeChooseLabel      = "E2017" // an action of a choose block without a label
	CodeUnknownModule    = "E2018" // a domain that is no module
	CodeUnknownMember    = "E2019" // a member that a known module does not have
	CodeRegexp           = "E2020" // an invalid regular expression literal
	CodeMeaningless      = "E2021" // a construct the parser accepts that means nothing (`x.m:f` without a call)
	CodeInternal         = "E2099" // an AST the compiler does not expect (a parser bug)
	CodeTooMany          = diag.CodeTooMany

	WarnDot        = "W2001" // `a.b` raw member read
	WarnEventAttr  = "W2002" // event:attr(k)
	WarnVersion    = "W2003" // ruleset-level version
	WarnLogging    = "W2004" // meta logging
	WarnInactive   = "W2005" // `rule x is inactive`
	WarnEntPut     = "W2006" // ent:v := ent:v.put(k, x)
	WarnWhereOrder = "W2008" // `where` before `setting`
)
