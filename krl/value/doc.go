// Package value implements KRL values with the semantics of the reference
// (JavaScript) pico engine: null, Boolean, Number, String, Array, Map,
// RegExp, Function and Action.
//
// # Basics
//
// A [Value] is a small immutable struct; the zero Value is null. Numbers
// are IEEE doubles printed the JavaScript way ([FormatNumber]); NaN counts
// as null, so [Num] turns it into [Null]. Strings are Go strings (UTF-8);
// operations that JavaScript defines on UTF-16 code units (length,
// substrings, comparison) are provided here on top of them ([UTF16Len],
// [SubstringUTF16], [CompareUTF16]).
//
// The KRL operators are plain functions: [Add] (numeric addition of two
// Numbers, else concatenation of String forms), [Sub], [Mul], [Div], [Mod]
// and [Neg] (on Number forms, x/0 and x%0 are 0, a *[TypeError] when an
// operand has no Number form), [Equal] (deep and type-strict), [Compare]
// (<=>, numeric or by UTF-16 code units), [CompareStrings] (cmp), [Like]
// and [Has] (><). [Truthy], [ToString], [ToNumber] and [TypeOf] give the
// conversions of the language.
//
// A [Map] keeps the key order of a JavaScript object: canonical array-index
// keys ("0" to "4294967294") first in numeric order, then the others in
// insertion order. Build maps with [NewMapValue] or a [MapBuilder]; change
// them with [Map.With], [Map.Without], or the path helpers [Get],
// [PutPath] (set semantics, used by `ent:v{path} := x`), [Put], [Merge]
// and [DeletePath], which all return new values.
//
// [FromJSON] and [Value.MarshalJSON] read and write JSON losslessly (key
// order included) the way JSON.parse and KRL's encode() do; [FromGo] and
// [ToGo] convert from and to JSON-shaped Go values for embedding programs.
//
// Regular expressions are ECMAScript expressions compiled once with
// github.com/dlclark/regexp2 ([NewRegExp]); patterns built from strings at
// run time go through a bounded cache ([CompileRegExp]).
//
// # Concurrency
//
// Values never change after they are built, so they may be shared freely
// between goroutines. A [MapBuilder] is not safe for concurrent use.
// [Thread] implementations are used by one goroutine at a time.
//
// # Caveats
//
// Where Go cannot follow JavaScript exactly, this package chooses:
//
//   - Infinite numbers (from overflow such as 1e308*10) are Numbers printed
//     "Infinity"; they encode as JSON null. The reference engine treats them
//     as foreign objects.
//   - A Go string cannot hold an unpaired UTF-16 surrogate; where JavaScript
//     would produce one (splitting a surrogate pair, chr(55357), JSON
//     "\ud800"), U+FFFD is used instead.
//   - Arrays are dense: assigning far past the end of an array (more than
//     about a million elements) turns it into a map instead of filling the
//     gap with nulls. A non-index key on an array has no effect, as it has
//     no visible effect in the reference engine's JSON.
//   - Regular expressions are matched by regexp2 in ECMAScript mode, on
//     code points rather than UTF-16 code units; a match gives up after
//     [MatchTimeout].
package value
