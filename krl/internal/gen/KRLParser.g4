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
//     precedence-climbing loop. In a function body `y = x (1)` could also
//     end the declaration before a returned `(1)`: KRL always continues
//     the value, and so does the parser, but SLL prediction can only tell
//     by looking ahead to the end of the block, so parser.go decides that
//     loop by the next token alone (KRLParser.SetGreedyOperators).
//   - Chevron strings switch the lexer into the CHEVRON mode; `#{` pushes the
//     default mode again and every `{` pushes it once more, so that the `}`
//     ending an interpolation pops back into the chevron text.
//   - Every part of a rule that the AST builder needs carries a label, and
//     the builder reads labels only, so that valid input parses without
//     building a parse tree. Labels do not change the ATN, with one
//     exception: the consequent of condExpr must stay unlabelled, since a
//     label there makes ANTLR take the alternative for a suffix operator
//     rather than a ternary one (parser.go keeps it instead).
parser grammar KRLParser;

options {
    tokenVocab = KRLLexer;
}

@parser::structmembers {
	depth, maxDepth int    // rule nesting and its limit; see parser.go
	greedy          bool   // see exprLoop in parser.go
	arena           *Arena // where the contexts come from; see arena.go
}

// ---------------------------------------------------------------------------
// Entry points

file
    : r=ruleset EOF
    ;

exprOnly
    : e=expr EOF
    ;

// ---------------------------------------------------------------------------
// Ruleset structure

ruleset
    : RULESET id=rid LBRACE (VERSION version=STRING)? m=meta? g=global? rules+=rule* RBRACE
    ;

// A ruleset id: words joined by `.` or `-`, without spaces (checked by the
// AST builder, which sees token offsets).
rid
    : words+=word (seps+=(DOT | MINUS) words+=word)*
    ;

meta
    : META LBRACE props+=metaProp* RBRACE
    ;

metaProp
    : key=(NAME | DESCRIPTION | AUTHOR | VERSION) v=expr                       # metaValue
    | LOGGING n=name                                                          # metaLogging
    | (KEY | KEYS) n=name v=expr                                              # metaKey
    | USE MODULE r=rid (ALIAS alias=name)? (WITH decls+=decl (AND? decls+=decl)*)? # metaUse
    | ERRORS TO r=rid                                                         # metaErrors
    | CONFIGURE USING (decls+=decl SEMI?)*                                    # metaConfigure
    | (PROVIDE | PROVIDES) KEYS names=nameList TO rids+=rid (COMMA rids+=rid)* # metaProvidesKeys
    | (PROVIDE | PROVIDES) names=nameList                                     # metaProvides
    | (SHARE | SHARES) names=nameList                                         # metaShares
    ;

global
    : GLOBAL LBRACE (decls+=decl SEMI?)* RBRACE
    ;

decl
    : n=name ASSIGN v=expr
    ;

nameList
    : names+=name (COMMA names+=name)*
    ;

// ---------------------------------------------------------------------------
// Rules

rule
    : RULE n=name (IS state=(ACTIVE | INACTIVE))? LBRACE
      sel=select? loops+=foreach* prelude=pre? act=actionBlock? post=postlude?
      RBRACE
    ;

select
    : SELECT (WHEN ev=eventExpr (within=WITHIN wexpr=expr unit=name)? | WHERE where=expr)
    ;

foreach
    : FOREACH e=expr SETTING LPAREN names=nameList RPAREN
    ;

pre
    : PRE LBRACE (decls+=decl SEMI?)* RBRACE
    ;

// ---------------------------------------------------------------------------
// Event expressions, loosest operator last.

eventExpr
    : LPAREN inner=eventExpr RPAREN                                   # eventParen
    | op=(AND | OR | BEFORE | THEN | AFTER)
      LPAREN args+=eventExpr (COMMA args+=eventExpr)* RPAREN          # eventVariadic
    | ANY n=NUMBER LPAREN args+=eventExpr (COMMA args+=eventExpr)* RPAREN # eventAny
    | op=(COUNT | REPEAT) n=NUMBER LPAREN ep=eventPrim RPAREN agg=aggregator? # eventGroup
    | ep=eventPrim                                                    # eventPrimary
    | ev=eventExpr not=NOT? between=BETWEEN
      LPAREN lo=eventExpr COMMA hi=eventExpr RPAREN                   # eventBetween
    | l=eventExpr op=(BEFORE | THEN | AFTER) r=eventExpr              # eventSeq
    | l=eventExpr op=AND r=eventExpr                                  # eventAnd
    | l=eventExpr op=OR r=eventExpr                                   # eventOr
    ;

eventPrim
    : domain=varName COLON? type=word attrs+=attrMatch*
      ( where=WHERE wexpr=expr (setting=SETTING LPAREN names=nameList RPAREN)?
      | setting=SETTING LPAREN names=nameList RPAREN (where=WHERE wexpr=expr)?
      )?
    ;

attrMatch
    : w=word re=REGEX
    ;

aggregator
    : op=(MAX | MIN | SUM | AVG | PUSH) LPAREN names=nameList RPAREN
    ;

// ---------------------------------------------------------------------------
// Actions

actionBlock
    : (IF cond=expr THEN)?
      ( kind=(EVERY | SAMPLE) LBRACE actions+=action* RBRACE
      | kind=CHOOSE choose=chooseExpr LBRACE actions+=action* RBRACE
      | solo=soloAction
      )
    ;

// soloAction is an action standing alone. Its first word may not be one
// that opens another clause of a rule (`select`, `pre`, `every`, `fired`,
// ...), so that those clauses are recognised by their first token, as the
// reference parser does.
soloAction
    : (label=plainName ARROW)? first=plainName (COLON n=name)? LPAREN args=argList? RPAREN
      (SETTING LPAREN names=nameList RPAREN)? SEMI?
    ;

// The value a `choose` switches on: a name, a literal or a primary followed
// by calls only, since the `{` that opens the action list must not be read
// as a path. The argument list of a call starts right after its `(`.
chooseExpr
    : ( id=varName (COLON n=name)?
      | lit=(NUMBER | STRING | REGEX | TRUE | FALSE | NULL)
      | p=primary
      ) (calls+=LPAREN args+=argList? RPAREN)*
    ;

action
    : (label=name ARROW)? an=actionName LPAREN args=argList? RPAREN
      (SETTING LPAREN names=nameList RPAREN)? SEMI?
    ;

actionName
    : dom=name (COLON n=name)?
    ;

// ---------------------------------------------------------------------------
// Postludes

postlude
    : kind=ALWAYS main=block
    | kind=(FIRED | NOTFIRED) main=block (ELSE alt=block)? (FINALLY fin=block)?
    ;

block
    : LBRACE (stmts+=statement SEMI?)* RBRACE
    ;

statement
    : core=stmtCore (on=ON FINAL | IF cond=expr)?
    ;

stmtCore
    : CLEAR dom=name COLON n=name (LBRACE path=expr RBRACE)?          # clearStmt
    | RAISE (dom=name EVENT | EVENT) evType=expr (FOR forExpr=expr)?
      (ATTRIBUTES attrs=expr)?                                        # raiseStmt
    | SCHEDULE (dom=name EVENT | EVENT) evType=expr (AT atExpr=expr | REPEAT repeatExpr=expr)
      (ATTRIBUTES attrs=expr)? (SETTING LPAREN setting=name RPAREN)?  # scheduleStmt
    | kw=(LOG | ERROR) level=name v=expr                              # logStmt
    | LAST                                                            # lastStmt
    | dom=name COLON n=name (LBRACE path=expr RBRACE)? COLON_ASSIGN v=expr # entAssignStmt
    | d=decl                                                          # declStmt
    ;

// ---------------------------------------------------------------------------
// Expressions, from the tightest binding operator to the loosest.
//
// expr has no alternative labels, so that each expression node is one
// context rather than two, and names and literals are alternatives of its
// own rather than of primary, which would add two more contexts each: x is
// set for every operator but the prefix ones; op is the operator or, for
// names and literals, the token itself.

expr
    // A varName, written out: see TestInlineSets.
    : op=(IDENT
      | RULESET | VERSION | META | GLOBAL | RULE | IS | ACTIVE | INACTIVE
      | SELECT | WHEN | WHERE | WITHIN | FOREACH | PRE | IF | EVERY | SAMPLE
      | CHOOSE | ALWAYS | FIRED | NOTFIRED | ELSE | FINALLY | NAME
      | DESCRIPTION | AUTHOR | LOGGING | KEY | KEYS | USE | MODULE | ALIAS
      | WITH | ERRORS | TO | CONFIGURE | USING | PROVIDE | PROVIDES | SHARE
      | SHARES | CLEAR | RAISE | EVENT | FOR | ATTRIBUTES | SCHEDULE | AT
      | LOG | ERROR | LAST | ON | FINAL | WARN | INFO | DEBUG | RETURNS
      | MAX | MIN | SUM | AVG | PUSH
      ) (COLON n=name)?
    | op=(NUMBER | STRING | REGEX | TRUE | FALSE | NULL)
    | p=primary
    | x=expr op=LPAREN args=argList? RPAREN
    | x=expr op=DOT m=name (COLON n=name)?
    | x=expr op=LBRACE y=expr RBRACE
    | x=expr op=LBRACKET y=expr RBRACKET
    | op=(NOT | MINUS | PLUS) y=expr
    | x=expr op=(STAR | SLASH | PERCENT) y=expr
    | x=expr op=(PLUS | MINUS) y=expr
    | x=expr op=(EQ | NE | LT | LE | GT | GE | LIKE | HAS | CMP3 | CMP) y=expr
    | x=expr op=ANDAND y=expr
    | x=expr op=OROR y=expr
    | <assoc=right> x=expr op=ARROW expr PIPE y=expr
    ;

// primary is the expressions that hold other ones, other than operators.
primary
    : CHEV_OPEN parts+=chevPart* CHEV_CLOSE                           # chevronLit
    | LPAREN e=expr RPAREN                                            # parenExpr
    | LBRACKET (elems+=expr (COMMA elems+=expr)* COMMA?)? RBRACKET    # arrayLit
    | LBRACE (entries+=mapEntry (COMMA entries+=mapEntry)* COMMA?)? RBRACE # mapLit
    | FUNCTION ps=params LBRACE (decls+=decl SEMI?)* ret=RETURN? e=expr SEMI? RBRACE # functionLit
    | DEFACTION ps=params LBRACE (decls+=decl SEMI?)*
      (act=actionBlock (ret=(RETURN | RETURNS) rets+=expr (COMMA rets+=expr)* SEMI?)?)?
      end=RBRACE                                                      # defactionLit
    ;

chevPart
    : CHEV_TEXT | CHEV_HASH | CHEV_GT
    | CHEV_INTERP e=expr RBRACE
    ;

mapEntry
    : key=STRING COLON v=expr
    ;

params
    : LPAREN (ps+=param (COMMA ps+=param)* COMMA?)? RPAREN
    ;

param
    : n=name (ASSIGN v=expr)?
    ;

argList
    : args+=arg (COMMA args+=arg)* COMMA?
    ;

arg
    : n=varName ASSIGN v=expr
    | v=expr
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
// names, members after a dot. It is varName and the operator words, written
// out to save a context per name: see TestInlineSets.
name
    : IDENT
    | RULESET | VERSION | META | GLOBAL | RULE | IS | ACTIVE | INACTIVE
    | SELECT | WHEN | WHERE | WITHIN | FOREACH | PRE | IF | EVERY | SAMPLE
    | CHOOSE | ALWAYS | FIRED | NOTFIRED | ELSE | FINALLY | NAME
    | DESCRIPTION | AUTHOR | LOGGING | KEY | KEYS | USE | MODULE | ALIAS
    | WITH | ERRORS | TO | CONFIGURE | USING | PROVIDE | PROVIDES | SHARE
    | SHARES | CLEAR | RAISE | EVENT | FOR | ATTRIBUTES | SCHEDULE | AT
    | LOG | ERROR | LAST | ON | FINAL | WARN | INFO | DEBUG | RETURNS
    | MAX | MIN | SUM | AVG | PUSH
    | AND | OR | BEFORE | THEN | AFTER | BETWEEN | ANY | COUNT | REPEAT
    | LIKE | CMP
    ;

// word is any identifier-shaped token, reserved words included.
word
    : name
    | DEFACTION | FUNCTION | RETURN | NOT | SETTING | NULL | TRUE | FALSE
    ;
