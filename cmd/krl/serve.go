package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/gopico/pico"
	"github.com/gopico/pico/transport/sky"
)

var serveCommand = &command{
	usage:   "serve [--dir DIR] [FILE...]",
	summary: "serve an engine on disk over HTTP (the pico engine's /sky and /c API)",
	run:     runServe,
}

// serveChannelTag tags the root pico's channel that serve prints.
const serveChannelTag = "serve"

// runServe serves until SIGINT or SIGTERM, then shuts down gracefully.
func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// serve opens the engine, registers the given rulesets and serves the sky
// API until ctx is done. Exit status: 0 after a clean shutdown, 1 when the
// engine or the server failed, 2 for bad arguments.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "pico-data", "directory of the engine's data (created when missing)")
	addr := fs.String("addr", "127.0.0.1:3000", "address to listen on")
	host := fs.String("host", "", "public base URL of the engine, for meta:host and subscriptions (default http://ADDR)")
	quiet := fs.Bool("q", false, "log warnings and errors only")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "krl serve: %v\n", err)
		return 1
	}
	base := *host
	if base == "" {
		base = "http://" + hostPort(ln.Addr())
	}
	eng, err := pico.Open(ctx, pico.WithDir(*dir), pico.WithHost(base), pico.WithLogger(log),
		pico.WithTransport(&sky.Transport{Logger: log}))
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "krl serve: %v\n", err)
		return 1
	}
	defer func() {
		if err := eng.Close(); err != nil {
			log.Error("closing the engine", "err", err)
		}
	}()
	for _, file := range fs.Args() {
		src, err := os.ReadFile(file)
		if err == nil {
			var rs pico.Ruleset
			if rs, err = eng.Register(ctx, pico.Source(file, src)); err == nil {
				log.Info("registered", "rid", rs.RID, "file", file)
			}
		}
		if err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "krl serve: %v\n", err)
			return 1
		}
	}
	eci, err := serveChannel(ctx, eng)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "krl serve: %v\n", err)
		return 1
	}

	srv := &http.Server{Handler: sky.NewHandler(eng, sky.WithLogger(log)), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "krl serve: %s (data in %s)\n", base, *dir)
	fmt.Fprintf(stdout, "root pico channel: %s\n", eci)
	fmt.Fprintf(stdout, "  event: curl '%s/sky/event/%s/none/DOMAIN/TYPE?ATTR=VALUE'\n", base, eci)
	fmt.Fprintf(stdout, "  query: curl '%s/sky/cloud/%s/RID/NAME?ARG=VALUE'\n", base, eci)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "krl serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("shutting down the server", "err", err)
		return 1
	}
	return 0
}

// serveChannel returns the root pico's channel tagged "serve", created the
// first time.
func serveChannel(ctx context.Context, eng *pico.Engine) (string, error) {
	chs, err := eng.Root().Channels(ctx)
	if err != nil {
		return "", err
	}
	for _, c := range chs {
		if slices.Equal(c.Tags, []string{serveChannelTag}) {
			return c.ECI, nil
		}
	}
	c, err := eng.Root().NewChannel(ctx, pico.Tags(serveChannelTag))
	return c.ECI, err
}

// hostPort is the address clients use: an unspecified IP becomes
// localhost.
func hostPort(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if ta.IP == nil || ta.IP.IsUnspecified() {
		return net.JoinHostPort("localhost", fmt.Sprint(ta.Port))
	}
	return ta.String()
}
