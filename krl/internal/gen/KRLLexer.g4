// KRLLexer.g4 is the lexer grammar of KRL, the rule language of picos; the
// parser grammar is KRLParser.g4. Both are compiled by generate.sh.
//
// The parser reads tokens from scan.go, a hand-written scanner that makes
// the tokens this grammar defines, many times faster than the generated
// lexer. Change both together: TestScanMatchesLexer and FuzzScan compare
// them.

lexer grammar KRLLexer;

@lexer::structmembers {
	modeDepth int // modes pushed and not yet popped; see lexer.go
}

// Reserved words.
DEFACTION   : 'defaction';
FUNCTION    : 'function';
RETURN      : 'return';
NOT         : 'not';
SETTING     : 'setting';
NULL        : 'null';
TRUE        : 'true';
FALSE       : 'false';

// Operator words.
AND         : 'and';
OR          : 'or';
BEFORE      : 'before';
THEN        : 'then';
AFTER       : 'after';
BETWEEN     : 'between';
ANY         : 'any';
COUNT       : 'count';
REPEAT      : 'repeat';
LIKE        : 'like';
CMP         : 'cmp';

// Contextual keywords.
RULESET     : 'ruleset';
VERSION     : 'version';
META        : 'meta';
GLOBAL      : 'global';
RULE        : 'rule';
IS          : 'is';
ACTIVE      : 'active';
INACTIVE    : 'inactive';
SELECT      : 'select';
WHEN        : 'when';
WHERE       : 'where';
WITHIN      : 'within';
FOREACH     : 'foreach';
PRE         : 'pre';
IF          : 'if';
EVERY       : 'every';
SAMPLE      : 'sample';
CHOOSE      : 'choose';
ALWAYS      : 'always';
FIRED       : 'fired';
NOTFIRED    : 'notfired';
ELSE        : 'else';
FINALLY     : 'finally';
NAME        : 'name';
DESCRIPTION : 'description';
AUTHOR      : 'author';
LOGGING     : 'logging';
KEY         : 'key';
KEYS        : 'keys';
USE         : 'use';
MODULE      : 'module';
ALIAS       : 'alias';
WITH        : 'with';
ERRORS      : 'errors';
TO          : 'to';
CONFIGURE   : 'configure';
USING       : 'using';
PROVIDE     : 'provide';
PROVIDES    : 'provides';
SHARE       : 'share';
SHARES      : 'shares';
CLEAR       : 'clear';
RAISE       : 'raise';
EVENT       : 'event';
FOR         : 'for';
ATTRIBUTES  : 'attributes';
SCHEDULE    : 'schedule';
AT          : 'at';
LOG         : 'log';
ERROR       : 'error';
LAST        : 'last';
ON          : 'on';
FINAL       : 'final';
WARN        : 'warn';
INFO        : 'info';
DEBUG       : 'debug';
RETURNS     : 'returns';
MAX         : 'max';
MIN         : 'min';
SUM         : 'sum';
AVG         : 'avg';
PUSH        : 'push';

// Punctuation. `{` enters the default mode once more so that a `}` closing
// a chevron interpolation can find its way back (see the file comment).
LBRACE       : '{' -> pushMode(DEFAULT_MODE);
RBRACE       : '}' -> popMode;
LPAREN       : '(';
RPAREN       : ')';
LBRACKET     : '[';
RBRACKET     : ']';
CMP3         : '<=>';
LE           : '<=';
CHEV_OPEN    : '<<' -> pushMode(CHEVRON);
LT           : '<';
OROR         : '||';
PIPE         : '|';
EQ           : '==';
ARROW        : '=>';
ASSIGN       : '=';
COLON_ASSIGN : ':=';
COLON        : ':';
GE           : '>=';
HAS          : '><';
GT           : '>';
ANDAND       : '&&';
NE           : '!=';
COMMA        : ',';
SLASH        : '/';
DOT          : '.';
MINUS        : '-';
PERCENT      : '%';
PLUS         : '+';
SEMI         : ';';
STAR         : '*';

// Literals. Only `\"` and `\\` are decoded in strings and only `\#` in
// regular expressions; the AST builder does that.
NUMBER
    : [0-9]+ ('.' [0-9]+)?
    | '.' [0-9]+
    ;

STRING
    : '"' (~["\\] | '\\' .)* '"'
    ;

REGEX
    : 're#' (~[#\\] | '\\' .)* '#' [gim]*
    ;

IDENT
    : [a-zA-Z_$] [a-zA-Z0-9_$]*
    ;

// Whitespace is what JavaScript's \s matches.
WS
    : [ \t\r\n\u000B\u000C\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+ -> skip
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> skip
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> skip
    ;

// Unterminated literals and comments run to the end of the input. They can
// never contain their closing delimiter, so they only win when it is missing.
// The parser accepts none of them, and the error listener names them.
UNTERMINATED_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF
    ;

UNTERMINATED_STRING
    : '"' (~["\\] | '\\' .)* '\\'? EOF
    ;

UNTERMINATED_REGEX
    : 're#' (~[#\\] | '\\' .)* '\\'? EOF
    ;

// Any other character.
ILLEGAL
    : .
    ;

// ---------------------------------------------------------------------------
// Inside << ... >>: text, `#{` interpolations and the closing `>>`. A lone
// `#` or `>` is text of its own so that `#{` and `>>` always win.
mode CHEVRON;

CHEV_CLOSE  : '>>' -> popMode;
CHEV_INTERP : '#{' -> pushMode(DEFAULT_MODE);
CHEV_HASH   : '#';
CHEV_GT     : '>';
CHEV_TEXT   : (~[#>\\] | '\\' .)+ | '\\';
