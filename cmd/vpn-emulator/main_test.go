package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startRun runs the program with args on port 0 and returns its stdout lines reader and a stop func.
func startRun(t *testing.T, args ...string) (*bufio.Reader, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-listen", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
		done <- err
	}()
	stop := func() error {
		cancel()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		select {
		case err := <-done:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("run did not return after cancel")
			return nil
		}
	}
	t.Cleanup(func() { cancel() })
	return bufio.NewReader(pr), stop
}

func TestRun_listensAndServesAdmin(t *testing.T) {
	out, stop := startRun(t, "-print-env", "-region", "emu-x", "-secret-key", "it's secret", "-delay", "0")
	first, err := out.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(first), "listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("first line %q", first)
	}
	env := map[string]string{}
	for i := 0; i < 7; i++ {
		line, err := out.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		kv, ok := strings.CutPrefix(strings.TrimSpace(line), "export ")
		if !ok {
			t.Fatalf("line %q", line)
		}
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	if env["HW_VPN_ENDPOINT"] != base || env["HW_IAM_ENDPOINT"] != base || env["HW_EIP_ENDPOINT"] != base || env["HW_REGION_NAME"] != "emu-x" ||
		env["HW_SECRET_KEY"] != `'it'\''s secret'` || env["HW_ACCESS_KEY"] == "" || env["HW_PROJECT_ID"] == "" {
		t.Fatalf("env %v", env)
	}

	resp, err := http.Get(base + "/_emulator/resources")
	if err != nil {
		t.Fatal(err)
	}
	var res map[string]any
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("admin: %d %v", resp.StatusCode, err)
	}
	if _, ok := res["vpn_gateway"]; !ok {
		t.Fatalf("admin answer %v", res)
	}
	// API calls need a signature.
	resp, err = http.Get(base + "/v5/" + env["HW_PROJECT_ID"] + "/vpn-gateways")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unsigned call: %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("clean stop: %v", err)
	}
}

func TestRun_flags(t *testing.T) {
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"-help"}, io.Discard, &stderr)
	if err == nil || !strings.Contains(stderr.String(), "127.0.0.1:8999") || !strings.Contains(stderr.String(), "EMULATORACCESSKEY000") {
		t.Fatalf("help: %v %q", err, stderr.String())
	}
	for _, bad := range [][]string{{"-fault-rate", "2"}, {"-delay", "-1s"}, {"extra"}, {"-listen", "256.0.0.1:0"}} {
		if err := run(context.Background(), bad, io.Discard, io.Discard); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestRun_version(t *testing.T) {
	var stdout bytes.Buffer
	// -version answers before listening: the address is never used.
	if err := run(context.Background(), []string{"-version", "-listen", "256.0.0.1:0"}, &stdout, io.Discard); err != nil {
		t.Fatalf("-version: %v", err)
	}
	if got, want := stdout.String(), "vpn-emulator "+versionString()+"\n"; got != want || versionString() == "" {
		t.Fatalf("-version printed %q, want %q", got, want)
	}
}
