// Command thermostat runs a small site: a gateway pico with one child pico
// per temperature sensor. Sensors keep their last readings and raise an
// alert above their threshold; the gateway asks each sensor for its latest
// temperature. Run it with a directory to keep the data between runs:
//
//	go run ./examples/thermostat -dir ./data
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"log"

	"github.com/gopico/pico"
)

//go:embed sensor.krl
var sensorKRL []byte

//go:embed gateway.krl
var gatewayKRL []byte

func main() {
	dir := flag.String("dir", "", "data directory (in memory when empty)")
	flag.Parse()
	ctx := context.Background()
	opt := pico.WithInMemory()
	if *dir != "" {
		opt = pico.WithDir(*dir)
	}
	eng, err := pico.Open(ctx, opt)
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()

	must := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	sensor, err := eng.Register(ctx, pico.Source("sensor.krl", sensorKRL))
	must(err)
	gateway, err := eng.Register(ctx, pico.Source("gateway.krl", gatewayKRL))
	must(err)

	gw, err := eng.NewPico(ctx)
	must(err)
	must(gw.Install(ctx, gateway.RID, nil))
	gwChan, err := gw.NewChannel(ctx, pico.Tags("gateway"))
	must(err)

	readings := map[string][]float64{
		"kitchen": {21.5, 22, 27.5, 23},
		"garage":  {12, 11.5, 35},
	}
	for _, name := range []string{"kitchen", "garage"} {
		s, err := eng.NewPico(ctx, pico.ChildOf(gw))
		must(err)
		must(s.Install(ctx, sensor.RID, pico.Config{"threshold": 25, "keep": 3}))
		ch, err := s.NewChannel(ctx, pico.Tags("sensor", name))
		must(err)
		_, err = eng.Raise(ctx, pico.Event{ECI: gwChan.ECI, Domain: "gateway", Type: "sensor_added",
			Attrs: map[string]any{"name": name, "eci": ch.ECI}})
		must(err)
		for _, t := range readings[name] {
			res, err := eng.Raise(ctx, pico.Event{ECI: ch.ECI, Domain: "sensor", Type: "reading",
				Attrs: map[string]any{"temperature": t}})
			must(err)
			for _, d := range res.Directives {
				if d.Name == "alert" {
					fmt.Printf("ALERT %s: %v above %v\n", name, d.Options["temperature"], d.Options["threshold"])
				}
			}
		}
		last, err := eng.Query(ctx, pico.Query{ECI: ch.ECI, RID: sensor.RID, Name: "readings", Args: map[string]any{"n": 2}})
		must(err)
		fmt.Printf("%s, last two readings: %v\n", name, last)
	}
	temps, err := eng.Query(ctx, pico.Query{ECI: gwChan.ECI, RID: gateway.RID, Name: "temperatures"})
	must(err)
	fmt.Printf("gateway: latest temperatures %v\n", temps)
}
