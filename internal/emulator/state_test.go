package emulator

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestState_survivesRestart(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	clk := newTestClock()
	e1, srv1 := newTestServer(t, Options{StateFile: file, Now: clk.Now, Delay: time.Minute})
	id := createGW(t, srv1, e1, set(set(gwBody(), "name", "persisted"), "tags", []any{map[string]any{"key": "k", "value": "v"}}))
	srv1.Close()

	e2, srv2 := newTestServer(t, Options{StateFile: file, Now: clk.Now, Delay: time.Minute})
	g := getGW(t, srv2, e2, id)
	if g["name"] != "persisted" || g["status"] != "PENDING_CREATE" || len(g["tags"].([]any)) != 1 {
		t.Fatalf("after restart: %v", g)
	}
	// The pending transition completes in the new process too.
	clk.Advance(time.Minute)
	if g = getGW(t, srv2, e2, id); g["status"] != "ACTIVE" {
		t.Fatalf("status %v", g["status"])
	}
	srv2.Close()
	e3, srv3 := newTestServer(t, Options{StateFile: file, Now: clk.Now})
	if g = getGW(t, srv3, e3, id); g["status"] != "ACTIVE" || g["eip1"] == nil {
		t.Fatalf("third start: %v", g)
	}
	// Reset empties the file as well.
	e3.Reset()
	e4, srv4 := newTestServer(t, Options{StateFile: file})
	st, body := signedDo(t, srv4, e4, "GET", projectPath(e4, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNotFound, body)
}

func TestState_badFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(file, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StateFile: file}); err == nil {
		t.Fatal("New accepted a corrupt state file")
	}
	empty := filepath.Join(t.TempDir(), "empty.json")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StateFile: empty}); err != nil {
		t.Fatalf("empty state file: %v", err)
	}
}
