package pico

import (
	"context"
	"fmt"
	"time"
)

// Advance moves the engine's clock forward by d. It needs a *ManualClock
// (see WithClock); it is how tests make time pass.
func (e *Engine) Advance(ctx context.Context, d time.Duration) error {
	if err := e.enter(); err != nil {
		return err
	}
	defer e.leave()
	mc, ok := e.cfg.clock.(*ManualClock)
	if !ok {
		return fmt.Errorf("%w: Advance needs a ManualClock", ErrInvalid)
	}
	mc.Add(d)
	return nil
}
