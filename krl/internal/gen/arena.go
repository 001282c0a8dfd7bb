package gen

import (
	"sync"

	"github.com/antlr4-go/antlr/v4"
)

// An Arena holds the tokens and the parse contexts of a parse, in chunks
// that it recycles for the next parse once the caller is done with them.
// A parse allocates a context per rule it enters and a token per word and
// sign, megabytes for a large ruleset, that all become garbage together as
// soon as the AST is built; recycling them spares the allocator and the
// garbage collector most of the work of a parse.
//
// generate.sh makes the generated context constructors allocate from the
// arena of their parser (see arenaFor and krl_arena.go).
//
// An Arena is not safe for concurrent use: a parse takes its own with
// NewArena and gives it back with Release.
type Arena struct {
	contexts contextSlabs // generated in krl_arena.go
	tokens   []Token
	chunks   int // chunks allocated, to keep the pool from holding huge arenas
}

// Release drops an arena rather than keep it for the next parse when it
// holds more than arenaChunks chunks of contexts, or more than arenaTokens
// tokens: a few times what a large ruleset takes.
const (
	arenaChunks = 512
	arenaTokens = 1 << 16
)

var arenas = sync.Pool{New: func() any { return new(Arena) }}

// NewArena returns an arena, recycled from an earlier parse when possible.
func NewArena() *Arena {
	return arenas.Get().(*Arena)
}

// Release zeroes the tokens and contexts allocated from a and keeps a for a
// later parse. Nothing allocated from a may be used afterwards: not the
// token stream, the tokens, the parser's contexts, nor anything read from
// them but strings.
func (a *Arena) Release() {
	clear(a.tokens)
	a.tokens = a.tokens[:0]
	a.contexts.release()
	if a.chunks > arenaChunks || cap(a.tokens) > arenaTokens {
		return // let the garbage collector have it
	}
	arenas.Put(a)
}

// SetArena makes the parser allocate its contexts from a (nil: from the
// heap).
func (p *KRLParser) SetArena(a *Arena) {
	p.arena = a
}

// arenaFor returns the arena of parser, or nil.
func arenaFor(parser antlr.Parser) *Arena {
	if p, ok := parser.(*KRLParser); ok {
		return p.arena
	}
	return nil
}

// slab hands out zeroed values of T from chunks of growing size and takes
// them all back at once.
type slab[T any] struct {
	cur        []T   // the free part of the last chunk in used
	used, free [][]T // chunks handed out since the last release, spare chunks
}

// alloc returns a zeroed *T, counting any chunk it allocates in *chunks.
func (s *slab[T]) alloc(chunks *int) *T {
	if len(s.cur) == 0 {
		s.next(chunks)
	}
	v := &s.cur[0]
	s.cur = s.cur[1:]
	return v
}

// next starts a new chunk: a spare one, or a new one twice as large as the
// last (8 to 256 values).
func (s *slab[T]) next(chunks *int) {
	var c []T
	if n := len(s.free); n > 0 {
		c, s.free = s.free[n-1], s.free[:n-1]
	} else {
		size := 8 << min(len(s.used), 5)
		c = make([]T, size)
		*chunks++
	}
	s.used = append(s.used, c)
	s.cur = c
}

// release zeroes the chunks handed out and keeps them as spares.
func (s *slab[T]) release() {
	for _, c := range s.used {
		clear(c)
		s.free = append(s.free, c)
	}
	clear(s.used)
	s.used = s.used[:0]
	s.cur = nil
}
