package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// runAsProgramEnv makes the test binary behave as the vpn-emulator program,
// so the contract (first line, signals, exit status) is tested on a real process.
const runAsProgramEnv = "VPN_EMULATOR_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runAsProgramEnv) == "1" {
		os.Args = append([]string{"vpn-emulator"}, strings.Fields(os.Getenv(runAsProgramEnv+"_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// program is a running vpn-emulator process.
type program struct {
	cmd  *exec.Cmd
	base string
	env  map[string]string
	done chan error
}

// startProgram starts the program with args (plus -listen 127.0.0.1:0 -print-env)
// and reads its first line and the export lines.
func startProgram(t *testing.T, args ...string) *program {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), runAsProgramEnv+"=1",
		runAsProgramEnv+"_ARGS="+strings.Join(append([]string{"-listen", "127.0.0.1:0", "-print-env"}, args...), " "))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &program{cmd: cmd, env: map[string]string{}, done: make(chan error, 1)}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			if err := <-p.done; err != nil {
				t.Logf("killed leftover program: %v", err)
			}
		}
	})
	r := bufio.NewReader(out)
	lines := make(chan []string, 1)
	go func() {
		var got []string
		for i := 0; i < 7; i++ {
			l, err := r.ReadString('\n')
			if err != nil {
				break
			}
			got = append(got, strings.TrimSpace(l))
		}
		lines <- got
		_, _ = io.Copy(io.Discard, r)
		p.done <- cmd.Wait()
	}()
	var got []string
	select {
	case got = <-lines:
	case <-time.After(20 * time.Second):
		t.Fatal("the program printed nothing within 20s")
	}
	if len(got) != 7 {
		t.Fatalf("the program printed %q", got)
	}
	base, ok := strings.CutPrefix(got[0], "listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("first line %q", got[0])
	}
	p.base = base
	for _, l := range got[1:] {
		kv, ok := strings.CutPrefix(l, "export ")
		if !ok {
			t.Fatalf("line %q", l)
		}
		k, v, _ := strings.Cut(kv, "=")
		p.env[k] = v
	}
	return p
}

// stop sends sig and waits for a clean exit.
func (p *program) stop(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("exit after %v: %v (want status 0)", sig, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no exit within 10s of %v", sig)
	}
}

// client builds the project's client from the printed exports.
func (p *program) client(t *testing.T, ctx context.Context) *client.Client {
	t.Helper()
	c, err := client.New(ctx, client.Config{
		Region: p.env["HW_REGION_NAME"], AccessKey: p.env["HW_ACCESS_KEY"], SecretKey: p.env["HW_SECRET_KEY"],
		VPNEndpoint: p.env["HW_VPN_ENDPOINT"], IAMEndpoint: p.env["HW_IAM_ENDPOINT"], MaxRetries: 0,
	})
	if err != nil {
		t.Fatalf("client from the printed env (project discovered through IAM): %v", err)
	}
	return c
}

func (p *program) admin(t *testing.T, method, path string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, p.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

// TestProgram_contract runs the program as a process: it prints its address
// first, serves the project's signed client, answers the admin endpoints,
// keeps its state across a SIGINT/SIGTERM restart with -state-file, and
// exits 0 on both signals.
func TestProgram_contract(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	state := filepath.Join(t.TempDir(), "state.json")

	p := startProgram(t, "-delay", "0", "-state-file", state)
	c := p.client(t, ctx)
	cgw, err := c.CreateCustomerGateway(ctx, &client.CreateCustomerGatewayRequest{Name: "persisted", IDValue: "10.1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		CustomerGateways []string `json:"customer_gateway"`
	}
	if st := p.admin(t, "GET", "/_emulator/resources", &res); st != http.StatusOK || len(res.CustomerGateways) != 1 || res.CustomerGateways[0] != cgw.ID {
		t.Fatalf("resources: %d %v", st, res)
	}
	var counts map[string]int
	if st := p.admin(t, "GET", "/_emulator/requests", &counts); st != http.StatusOK || counts["POST /v5/{project_id}/customer-gateways"] != 1 || counts["GET /v3/projects"] != 1 {
		t.Fatalf("requests: %d %v", st, counts)
	}
	p.stop(t, syscall.SIGINT)

	// A restart on the same state file loses nothing.
	p = startProgram(t, "-delay", "0", "-state-file", state)
	c = p.client(t, ctx)
	got, err := c.GetCustomerGateway(ctx, cgw.ID)
	if err != nil || got.Name != "persisted" {
		t.Fatalf("after restart: %+v %v", got, err)
	}
	if st := p.admin(t, "POST", "/_emulator/reset", nil); st != http.StatusNoContent {
		t.Fatalf("reset: %d", st)
	}
	if _, err := c.GetCustomerGateway(ctx, cgw.ID); !client.IsNotFound(err) {
		t.Fatalf("after reset: %v", err)
	}
	p.stop(t, syscall.SIGTERM)
}

// TestProgram_versionFromLdflags builds the program the way releases do
// (-ldflags "-X main.version=...") and checks that -version prints it.
func TestProgram_versionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program; skipped with -short")
	}
	const want = "9.8.7-test"
	exe := filepath.Join(t.TempDir(), "vpn-emulator")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+want, "-o", exe, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe, "-version").CombinedOutput()
	if err != nil {
		t.Fatalf("vpn-emulator -version: %v\n%s", err, out)
	}
	if got := string(out); got != "vpn-emulator "+want+"\n" {
		t.Fatalf("vpn-emulator -version printed %q, want %q", got, "vpn-emulator "+want+"\n")
	}
}
