// Command vpn-emulator serves the in-memory emulator of the Huawei Cloud VPN
// v5 API (and the IAM project lookup) over HTTP, for offline development and
// `make demo`. Point the provider at it with the lines -print-env prints.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// version is set at build time by releases: -ldflags "-X main.version=1.2.3".
// `vpn-emulator -version` prints it (see versionString).
var version = "dev"

// versionString is the version injected at build time, else the module
// version `go install .../cmd/vpn-emulator@vX.Y.Z` records, else "dev".
func versionString() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "vpn-emulator:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx is done, then shuts down cleanly. The
// first line written to stdout, once the listener is ready, is
// "listening on http://HOST:PORT".
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("vpn-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		listen     = fs.String("listen", "127.0.0.1:8999", "address to listen on (port 0 picks a free port)")
		accessKey  = fs.String("access-key", emulator.DefaultAccessKey, "access key (AK) requests must be signed with")
		secretKey  = fs.String("secret-key", emulator.DefaultSecretKey, "secret key (SK) requests must be signed with")
		projectID  = fs.String("project-id", emulator.DefaultProjectID, "project id")
		region     = fs.String("region", emulator.DefaultRegion, "region name")
		printEnv   = fs.Bool("print-env", false, "print the `export HW_*=...` lines that point the provider at the emulator")
		delay      = fs.Duration("delay", 2*time.Second, "how long asynchronous transitions take (0 = settle on the next read)")
		gwDelay    = fs.Duration("gateway-delay", -1, "override -delay for VPN gateways (negative = use -delay)")
		connDelay  = fs.Duration("connection-delay", -1, "override -delay for VPN connections (negative = use -delay)")
		monDelay   = fs.Duration("monitor-delay", -1, "override -delay for connection monitors (negative = use -delay)")
		certDelay  = fs.Duration("certificate-delay", -1, "override -delay for gateway certificates (negative = use -delay)")
		faultRate  = fs.Float64("fault-rate", 0, "share (0..1) of API requests answered with an injected fault")
		faultSeed  = fs.Uint64("fault-seed", 0, "seed of the fault generator (same seed, same faults)")
		faultModes = fs.String("fault-modes", emulator.FaultReject, "comma-separated fault modes: reject (error before the service acts), "+
			"lost-504 (the service acts, the answer is a 504 from the API gateway), lost-close (the service acts, the connection closes without an answer), "+
			"slow (the service acts, the answer comes after -slow-answer)")
		faultWrites  = fs.Bool("fault-writes-only", false, "inject faults only into POST, PUT and DELETE requests")
		slowAnswer   = fs.Duration("slow-answer", 3*time.Second, "how long the slow fault mode holds an answer")
		latency      = fs.Duration("latency", 0, "latency added to every API request")
		stateFile    = fs.String("state-file", "", "file the state is loaded from and saved to (empty = memory only)")
		quotaGW      = fs.Int("quota-gateways", 50, "VPN gateway quota")
		quotaCGW     = fs.Int("quota-customer-gateways", 100, "customer gateway quota")
		quotaConn    = fs.Int("quota-connections", 500, "VPN connection quota")
		logRequests  = fs.Bool("log", false, "log one line per request to stderr")
		showVersion  = fs.Bool("version", false, "print the version and exit")
		shutdownWait = 5 * time.Second
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *showVersion {
		_, err := fmt.Fprintf(stdout, "vpn-emulator %s\n", versionString())
		return err
	}
	if *faultRate < 0 || *faultRate > 1 {
		return fmt.Errorf("-fault-rate must be between 0 and 1, got %v", *faultRate)
	}
	modes, err := emulator.ParseFaultModes(*faultModes)
	if err != nil {
		return fmt.Errorf("-fault-modes: %w", err)
	}
	if *delay < 0 {
		return fmt.Errorf("-delay must not be negative, got %v", *delay)
	}
	opts := emulator.Options{
		AccessKey: *accessKey, SecretKey: *secretKey, ProjectID: *projectID, Region: *region,
		Delay: *delay, Delays: map[string]time.Duration{},
		FaultRate: *faultRate, FaultSeed: *faultSeed, Latency: *latency, StateFile: *stateFile,
		FaultModes: modes, FaultWritesOnly: *faultWrites, SlowAnswer: *slowAnswer,
		Quotas: map[string]int{
			emulator.KindGateway: *quotaGW, emulator.KindCustomerGateway: *quotaCGW, emulator.KindConnection: *quotaConn,
		},
	}
	for kind, d := range map[string]time.Duration{
		emulator.KindGateway: *gwDelay, emulator.KindConnection: *connDelay,
		emulator.KindMonitor: *monDelay, emulator.KindCertificate: *certDelay,
	} {
		if d >= 0 {
			opts.Delays[kind] = d
		}
	}
	if *logRequests {
		opts.Logger = log.New(stderr, "vpn-emulator: ", log.LstdFlags)
	}
	emu, err := emulator.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "listening on %s\n", base)
	if *printEnv {
		for _, kv := range emu.ProviderEnv(base) {
			fmt.Fprintf(stdout, "export %s=%s\n", kv[0], shellQuote(kv[1]))
		}
	}

	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// shellQuote single-quotes s when it holds anything a shell would interpret.
func shellQuote(s string) string {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') && !strings.ContainsRune("-_./:@%+=,", r) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	if s == "" {
		return "''"
	}
	return s
}
