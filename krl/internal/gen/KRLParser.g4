// KRLParser.g4 is the parser grammar of KRL, the rule language of picos.
//
// It is written for ANTLR 4 (generated with antlr-ng, see generate.sh) and
// turned into Go code in this package. The hand-written parser wrapper in
// krl/internal/parse converts the parse tree into krl/ast nodes; nothing
// outside krl/internal sees these types.
//
// Design notes:
//   - Newlines are never significant and `;` is an optional separator.
//   - Most keywords are contextual: they are tokens of their own so that the
//     grammar can name them, and the rules `name` and `varName` accept them
//     back wherever an identifier may appear.
//   - Reserved words (defaction function return not setting null true false)
//     are never names. Operator words (and or before then after between any
//     count repeat like cmp) may be declared but cannot start an expression.
//   - Expressions are one left-recursive rule, ordered from the tightest
//     binding operator to the loosest, so that ANTLR rewrites it into a
//     precedence-climbing loop that predicts well in SLL mode.
//   - Chevron strings switch the lexer into the CHEVRON mode; `#{` pushes the
//     default mode again and every `{` pushes it once more, so that the `}`
//     ending an interpolation pops back into the chevron text.
parser grammar KRLParser;

options {
    tokenVocab = KRLLexer;
}

// ---------------------------------------------------------------------------
// Entry points

file
    : ruleset EOF
    ;

exprOnly
    : expr EOF
    ;

// ---------------------------------------------------------------------------
// Ruleset structure

ruleset
    : RULESET rid LBRACE (VERSION STRING)? meta? global? rule* RBRACE
    ;

// A ruleset id: words joined by `.` or `-`, without spaces (checked by the
// AST builder, which sees token offsets).
rid
    : word ((DOT | MINUS) word)*
    ;

meta
    : META LBRACE metaProp* RBRACE
    ;

metaProp
    : key=(NAME | DESCRIPTION | AUTHOR | VERSION) expr                 # metaValue
    | LOGGING name                                                    # metaLogging
    | (KEY | KEYS) name expr                                          # metaKey
    | USE MODULE rid (ALIAS name)? (WITH decl (AND? decl)*)?          # metaUse
    | ERRORS TO rid                                                   # metaErrors
    | CONFIGURE USING (decl SEMI?)*                                   # metaConfigure
    | (PROVIDE | PROVIDES) KEYS nameList TO rid (COMMA rid)*          # metaProvidesKeys
    | (PROVIDE | PROVIDES) nameList                                   # metaProvides
    | (SHARE | SHARES) nameList                                       # metaShares
    ;

global
    : GLOBAL LBRACE (decl SEMI?)* RBRACE
    ;

decl
    : name ASSIGN expr
    ;

nameList
    : name (COMMA name)*
    ;

// ---------------------------------------------------------------------------
// Rules

rule
    : RULE name (IS state=(ACTIVE | INACTIVE))? LBRACE
      select? foreach* pre? actionBlock? postlude?
      RBRACE
    ;

select
    : SELECT (WHEN eventExpr (WITHIN expr name)? | WHERE expr)
    ;

foreach
    : FOREACH expr SETTING LPAREN nameList RPAREN
    ;

pre
    : PRE LBRACE (decl SEMI?)* RBRACE
    ;

// ---------------------------------------------------------------------------
// Event expressions, loosest operator last.

eventExpr
    : LPAREN eventExpr RPAREN                                         # eventParen
    | op=(AND | OR | BEFORE | THEN | AFTER)
      LPAREN eventExpr (COMMA eventExpr)* RPAREN                      # eventVariadic
    | ANY NUMBER LPAREN eventExpr (COMMA eventExpr)* RPAREN           # eventAny
    | op=(COUNT | REPEAT) NUMBER LPAREN eventPrim RPAREN aggregator?  # eventGroup
    | eventPrim                                                       # eventPrimary
    | eventExpr NOT? BETWEEN LPAREN eventExpr COMMA eventExpr RPAREN  # eventBetween
    | eventExpr op=(BEFORE | THEN | AFTER) eventExpr                  # eventSeq
    | eventExpr op=AND eventExpr                                      # eventAnd
    | eventExpr op=OR eventExpr                                       # eventOr
    ;

eventPrim
    : domain=varName COLON? type=word attrMatch*
      ( WHERE expr (SETTING LPAREN nameList RPAREN)?
      | SETTING LPAREN nameList RPAREN (WHERE expr)?
      )?
    ;

attrMatch
    : word REGEX
    ;

aggregator
    : op=(MAX | MIN | SUM | AVG | PUSH) LPAREN nameList RPAREN
    ;

// ---------------------------------------------------------------------------
// Actions

actionBlock
    : (IF expr THEN)?
      ( kind=(EVERY | SAMPLE) LBRACE action* RBRACE
      | kind=CHOOSE chooseExpr LBRACE action* RBRACE
      | soloAction
      )
    ;

// soloAction is an action standing alone. Its first word may not be one
// that opens another clause of a rule (`select`, `pre`, `every`, `fired`,
// ...), so that those clauses are recognised by their first token, as the
// reference parser does.
soloAction
    : (label=plainName ARROW)? plainName (COLON name)? LPAREN argList? RPAREN
      (SETTING LPAREN nameList RPAREN)? SEMI?
    ;

// The value a `choose` switches on: a primary followed by calls only, since
// the `{` that opens the action list must not be read as a path.
chooseExpr
    : primary (LPAREN argList? RPAREN)*
    ;

action
    : (label=name ARROW)? actionName LPAREN argList? RPAREN
      (SETTING LPAREN nameList RPAREN)? SEMI?
    ;

actionName
    : name (COLON name)?
    ;

// ---------------------------------------------------------------------------
// Postludes

postlude
    : kind=ALWAYS block
    | kind=(FIRED | NOTFIRED) block (ELSE block)? (FINALLY block)?
    ;

block
    : LBRACE (statement SEMI?)* RBRACE
    ;

statement
    : stmtCore (ON FINAL | IF expr)?
    ;

stmtCore
    : CLEAR name COLON name (LBRACE expr RBRACE)?                     # clearStmt
    | RAISE (name EVENT | EVENT) expr (FOR expr)? (ATTRIBUTES expr)?  # raiseStmt
    | SCHEDULE (name EVENT | EVENT) expr (AT expr | REPEAT expr)
      (ATTRIBUTES expr)? (SETTING LPAREN name RPAREN)?                # scheduleStmt
    | kw=(LOG | ERROR) level=name expr                                # logStmt
    | LAST                                                            # lastStmt
    | name COLON name (LBRACE expr RBRACE)? COLON_ASSIGN expr         # entAssignStmt
    | decl                                                            # declStmt
    ;

// ---------------------------------------------------------------------------
// Expressions, from the tightest binding operator to the loosest.

expr
    : primary                                                         # primaryExpr
    | expr LPAREN argList? RPAREN                                     # callExpr
    | expr DOT name (COLON name)?                                     # dotExpr
    | expr LBRACE expr RBRACE                                         # pathExpr
    | expr LBRACKET expr RBRACKET                                     # indexExpr
    | op=(NOT | MINUS | PLUS) expr                                    # unaryExpr
    | expr op=(STAR | SLASH | PERCENT) expr                           # mulExpr
    | expr op=(PLUS | MINUS) expr                                     # addExpr
    | expr op=(EQ | NE | LT | LE | GT | GE | LIKE | HAS | CMP3 | CMP) expr # relExpr
    | expr op=ANDAND expr                                             # andExpr
    | expr op=OROR expr                                               # orExpr
    | <assoc=right> expr ARROW expr PIPE expr                         # condExpr
    ;

primary
    : NUMBER                                                          # numberLit
    | STRING                                                          # stringLit
    | CHEV_OPEN chevPart* CHEV_CLOSE                                  # chevronLit
    | REGEX                                                           # regexLit
    | (TRUE | FALSE)                                                  # boolLit
    | NULL                                                            # nullLit
    | varName (COLON name)?                                           # identLit
    | LPAREN expr RPAREN                                              # parenExpr
    | LBRACKET (expr (COMMA expr)* COMMA?)? RBRACKET                  # arrayLit
    | LBRACE (mapEntry (COMMA mapEntry)* COMMA?)? RBRACE              # mapLit
    | FUNCTION params LBRACE (decl SEMI?)* RETURN? expr SEMI? RBRACE  # functionLit
    | DEFACTION params LBRACE (decl SEMI?)*
      (actionBlock (ret=(RETURN | RETURNS) expr (COMMA expr)* SEMI?)?)?
      RBRACE                                                          # defactionLit
    ;

chevPart
    : CHEV_TEXT | CHEV_HASH | CHEV_GT
    | CHEV_INTERP expr RBRACE
    ;

mapEntry
    : STRING COLON expr
    ;

params
    : LPAREN (param (COMMA param)* COMMA?)? RPAREN
    ;

param
    : name (ASSIGN expr)?
    ;

argList
    : arg (COMMA arg)* COMMA?
    ;

arg
    : varName ASSIGN expr                                             # namedArg
    | expr                                                            # positionalArg
    ;

// ---------------------------------------------------------------------------
// Names

// varName is a name that may start an expression: any identifier or
// contextual keyword, but no reserved word and no operator word.
varName
    : IDENT
    | RULESET | VERSION | META | GLOBAL | RULE | IS | ACTIVE | INACTIVE
    | SELECT | WHEN | WHERE | WITHIN | FOREACH | PRE | IF | EVERY | SAMPLE
    | CHOOSE | ALWAYS | FIRED | NOTFIRED | ELSE | FINALLY | NAME
    | DESCRIPTION | AUTHOR | LOGGING | KEY | KEYS | USE | MODULE | ALIAS
    | WITH | ERRORS | TO | CONFIGURE | USING | PROVIDE | PROVIDES | SHARE
    | SHARES | CLEAR | RAISE | EVENT | FOR | ATTRIBUTES | SCHEDULE | AT
    | LOG | ERROR | LAST | ON | FINAL | WARN | INFO | DEBUG | RETURNS
    | MAX | MIN | SUM | AVG | PUSH
    ;

// plainName is a name that does not open a clause of a rule.
plainName
    : IDENT
    | RULESET | VERSION | META | GLOBAL | RULE | IS | ACTIVE | INACTIVE
    | WHEN | WHERE | WITHIN | NAME
    | DESCRIPTION | AUTHOR | LOGGING | KEY | KEYS | USE | MODULE | ALIAS
    | WITH | ERRORS | TO | CONFIGURE | USING | PROVIDE | PROVIDES | SHARE
    | SHARES | CLEAR | RAISE | EVENT | FOR | ATTRIBUTES | SCHEDULE | AT
    | LOG | ERROR | LAST | ON | FINAL | WARN | INFO | DEBUG | RETURNS
    | MAX | MIN | SUM | AVG | PUSH
    | AND | OR | BEFORE | THEN | AFTER | BETWEEN | ANY | COUNT | REPEAT
    | LIKE | CMP
    ;

// name is anything but a reserved word: declared names, parameters, rule
// names, members after a dot.
name
    : varName
    | AND | OR | BEFORE | THEN | AFTER | BETWEEN | ANY | COUNT | REPEAT
    | LIKE | CMP
    ;

// word is any identifier-shaped token, reserved words included.
word
    : name
    | DEFACTION | FUNCTION | RETURN | NOT | SETTING | NULL | TRUE | FALSE
    ;
