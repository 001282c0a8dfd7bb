package pico

import (
	_ "github.com/antlr4-go/antlr/v4"
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/dlclark/regexp2"
	_ "github.com/robfig/cron/v3"
	_ "github.com/stretchr/testify/require"
	_ "golang.org/x/sync/errgroup"
)
