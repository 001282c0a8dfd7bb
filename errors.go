package pico

import "errors"

// Sentinel errors returned by the engine. Match them with [errors.Is]; the
// returned errors wrap them with detail (the ECI, the RID, ...).
var (
	// ErrClosed is returned by every method of an Engine that has been closed.
	ErrClosed = errors.New("pico: engine closed")
	// ErrUnknownChannel is returned when an event or query names an ECI that
	// no pico owns.
	ErrUnknownChannel = errors.New("pico: unknown channel")
	// ErrPolicyDenied is returned when a channel's event or query policy does
	// not allow the event or query; nothing runs.
	ErrPolicyDenied = errors.New("pico: denied by channel policy")
	// ErrUnknownPico is returned when a pico id does not exist (any more).
	ErrUnknownPico = errors.New("pico: unknown pico")
	// ErrNotInstalled is returned when a query or an operation names a
	// ruleset that is not installed on the pico.
	ErrNotInstalled = errors.New("pico: ruleset not installed")
	// ErrUnknownRuleset is returned when a RID was never registered.
	ErrUnknownRuleset = errors.New("pico: unknown ruleset")
	// ErrNotShared is returned when a query names a function the ruleset does
	// not share.
	ErrNotShared = errors.New("pico: not a shared function")
	// ErrBadAttrs is returned when event attributes or query arguments are
	// not a JSON-shaped map.
	ErrBadAttrs = errors.New("pico: attributes must be a JSON map")
	// ErrFamilyChannel is returned for operations that family channels do
	// not allow (deleting them, using them from outside the family).
	ErrFamilyChannel = errors.New("pico: family channel")
	// ErrInvalid is returned for malformed arguments (blank names, bad tags,
	// malformed policies).
	ErrInvalid = errors.New("pico: invalid argument")
	// ErrInUse is returned when uninstalling a ruleset that another installed
	// ruleset uses as a module.
	ErrInUse = errors.New("pico: ruleset in use")
)
