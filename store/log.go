package store

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
)

// slogAdapter implements badger.Logger on top of a *slog.Logger.
type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) log(level slog.Level, format string, args []any) {
	ctx := context.Background()
	if !a.l.Enabled(ctx, level) {
		return
	}
	msg := strings.TrimRight(fmt.Sprintf(format, args...), "\n")
	a.l.Log(ctx, level, msg, slog.String("component", "badger"))
}

// Errorf logs at slog.LevelError.
func (a slogAdapter) Errorf(format string, args ...any) { a.log(slog.LevelError, format, args) }

// Warningf logs at slog.LevelWarn.
func (a slogAdapter) Warningf(format string, args ...any) { a.log(slog.LevelWarn, format, args) }

// Infof logs at slog.LevelInfo.
func (a slogAdapter) Infof(format string, args ...any) { a.log(slog.LevelInfo, format, args) }

// Debugf logs at slog.LevelDebug.
func (a slogAdapter) Debugf(format string, args ...any) { a.log(slog.LevelDebug, format, args) }
