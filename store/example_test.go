package store_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/gopico/pico/store"
)

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "store-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := store.Open(store.WithDir(dir), store.WithSyncWrites(true))
	if err != nil {
		log.Fatal(err)
	}
	err = s.Update(context.Background(), func(tx store.Tx) error {
		return tx.Set(store.NewKey("app", "greeting"), []byte("hello"))
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Close(); err != nil {
		log.Fatal(err)
	}

	// The data is still there after reopening.
	s, err = store.Open(store.WithDir(dir))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	err = s.View(context.Background(), func(tx store.Tx) error {
		v, err := tx.Get(store.NewKey("app", "greeting"))
		fmt.Println(string(v))
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output: hello
}

func ExampleStore_Update() {
	s, err := store.Open(store.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	key := store.NewKey("app", "visits")

	for range 3 {
		// The function may run again after a conflict: it only reads
		// and writes through tx.
		err := s.Update(ctx, func(tx store.Tx) error {
			n := 0
			v, err := tx.Get(key)
			switch {
			case err == nil:
				n, _ = strconv.Atoi(string(v))
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
			return tx.Set(key, []byte(strconv.Itoa(n+1)))
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	// An error rolls everything back.
	err = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.Set(key, []byte("1000")); err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	fmt.Println("update:", err)

	_ = s.View(ctx, func(tx store.Tx) error {
		v, err := tx.Get(key)
		fmt.Println("visits:", string(v))
		return err
	})
	// Output:
	// update: changed my mind
	// visits: 3
}

func ExampleStore_Batch() {
	s, err := store.Open(store.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()

	// Many goroutines, one commit per group of concurrent calls. A failed
	// call does not affect the others of its group.
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			err := s.Batch(ctx, func(tx store.Tx) error {
				if i%5 == 0 {
					return errors.New("refused")
				}
				return tx.Set(store.NewKey("events", fmt.Sprintf("%02d", i)), nil)
			})
			if err != nil && err.Error() != "refused" {
				log.Fatal(err)
			}
		})
	}
	wg.Wait()

	_ = s.View(ctx, func(tx store.Tx) error {
		n := 0
		err := tx.ScanKeys(store.NewKey("events"), func([]byte) error { n++; return nil })
		fmt.Println("stored:", n)
		return err
	})
	// Output: stored: 16
}

func ExampleNewKey() {
	k := store.NewKey("ent", "pico-1", "counter", "n")
	fmt.Println(k)
	parts, _ := k.Parts()
	fmt.Printf("%q\n", parts)
	fmt.Println(k.HasPrefix(store.NewKey("ent", "pico-1")))
	fmt.Println(k.HasPrefix(store.NewKey("ent", "pico-")))
	// Output:
	// ent/pico-1/counter/n
	// ["ent" "pico-1" "counter" "n"]
	// true
	// false
}

func ExampleTx_Scan() {
	s, err := store.Open(store.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	_ = s.Update(ctx, func(tx store.Tx) error {
		for _, name := range []string{"b", "a", "c"} {
			if err := tx.Set(store.NewKey("vars", name), []byte(name+name)); err != nil {
				return err
			}
		}
		return nil
	})
	_ = s.View(ctx, func(tx store.Tx) error {
		return tx.Scan(store.NewKey("vars"), func(k, v []byte) error {
			fmt.Println(store.Key(k), string(v))
			return nil
		})
	})
	// Output:
	// vars/a aa
	// vars/b bb
	// vars/c cc
}

func ExampleTx_GetChannel() {
	s, err := store.Open(store.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()

	err = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.PutPico(store.PicoRecord{ID: "root"}); err != nil {
			return err
		}
		if err := tx.SetRootPico("root"); err != nil {
			return err
		}
		if err := tx.PutInstall("root", store.InstallRecord{RID: "hello"}); err != nil {
			return err
		}
		return tx.PutChannel(store.ChannelRecord{
			ECI:         "eci-123",
			PicoID:      "root",
			Tags:        []string{"app"},
			EventPolicy: store.EventPolicy{Allow: []store.EventRule{{Domain: "echo", Name: "*"}}},
		})
	})
	if err != nil {
		log.Fatal(err)
	}

	// Routing an event: ECI → channel → pico, without scanning.
	_ = s.View(ctx, func(tx store.Tx) error {
		ch, err := tx.GetChannel("eci-123")
		if err != nil {
			return err
		}
		installs, err := tx.PicoInstalls(ch.PicoID)
		fmt.Println(ch.PicoID, ch.EventPolicy.Allow, len(installs))
		return err
	})
	// Output: root [{echo *}] 1
}

func ExampleTx_SchedulesDue() {
	s, err := store.Open(store.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

	_ = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.PutPico(store.PicoRecord{ID: "p"}); err != nil {
			return err
		}
		if err := tx.PutInstall("p", store.InstallRecord{RID: "timer"}); err != nil {
			return err
		}
		for i, d := range []time.Duration{time.Hour, -time.Minute, -time.Hour} {
			err := tx.PutSchedule(store.ScheduleRecord{
				ID: fmt.Sprint("s", i), PicoID: "p", RID: "timer", Type: store.ScheduleAt, At: now.Add(d),
			})
			if err != nil {
				return err
			}
		}
		return nil
	})

	// At startup: fire what is overdue, earliest first.
	_ = s.View(ctx, func(tx store.Tx) error {
		return tx.SchedulesDue(now, func(r store.ScheduleRecord) error {
			fmt.Println(r.ID, r.At.Format(time.TimeOnly))
			return nil
		})
	})
	// Output:
	// s2 11:00:00
	// s1 11:59:00
}

func ExampleStore_DeletePico() {
	s, err := store.Open(store.WithInMemory())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()

	_ = s.Update(ctx, func(tx store.Tx) error {
		if err := tx.PutPico(store.PicoRecord{ID: "p"}); err != nil {
			return err
		}
		if err := tx.PutInstall("p", store.InstallRecord{RID: "big"}); err != nil {
			return err
		}
		return tx.PutEntVar("p", "big", "v", []byte(`"value"`))
	})
	if err := s.DeletePico(ctx, "p"); err != nil {
		log.Fatal(err)
	}
	_ = s.View(ctx, func(tx store.Tx) error {
		n, err := tx.CountPicos()
		fmt.Println("picos:", n)
		return err
	})
	fmt.Println(s.DeletePico(ctx, "p"))
	// Output:
	// picos: 0
	// pico "p": not found
}
