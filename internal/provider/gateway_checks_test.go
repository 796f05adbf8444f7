package provider

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Checks on the emulator shared by the vpn_gateway and customer_gateway tests.

// checkRequestCounts checks how many requests each route got since the
// emulator's last ResetCounts (routes as the emulator names them, such as
// "GET /v5/{project_id}/vpn-gateways/{vgw_id}").
func checkRequestCounts(env *testEnv, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		counts := env.Emu.RequestCounts()
		var bad []string
		for route, n := range want {
			if counts[route] != n {
				bad = append(bad, fmt.Sprintf("%s: %d, want %d", route, counts[route], n))
			}
		}
		sort.Strings(bad)
		if len(bad) > 0 {
			return fmt.Errorf("request counts: %s (all: %v)", strings.Join(bad, "; "), counts)
		}
		return nil
	}
}

// checkNoTagCalls fails when a tag endpoint under routePrefix (such as
// "/v5/{project_id}/vpn-gateway/") was called since the last ResetCounts.
func checkNoTagCalls(env *testEnv, routePrefix string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for route, n := range env.Emu.RequestCounts() {
			if strings.Contains(route, routePrefix) && n > 0 {
				return fmt.Errorf("want no tag call, got %d of %s", n, route)
			}
		}
		return nil
	}
}

// checkServiceTags asks the service for the tags of the resource at addr
// (of tag resource type resourceType) and compares them with want.
func checkServiceTags(env *testEnv, addr, resourceType string, want map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		tags, err := env.Client.GetResourceTags(context.Background(), resourceType, rs.Primary.ID)
		if err != nil {
			return err
		}
		if got := tagsToMap(tags); !maps.Equal(got, want) {
			return fmt.Errorf("service tags of %s: got %v, want %v", addr, got, want)
		}
		return nil
	}
}

// copyExamples copies the .tf files of examples/resources/<typeName> into a
// new temporary directory with a provider block for env, and returns the
// directory and how many example files it holds.
func copyExamples(t *testing.T, env *testEnv, typeName string) (dir string, n int) {
	t.Helper()
	src := filepath.Join("..", "..", "examples", "resources", typeName)
	dir = t.TempDir()
	files, err := filepath.Glob(filepath.Join(src, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example files in %s: %v", src, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "provider.tf"), []byte(env.ProviderConfig()), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, len(files)
}

// hookServer serves env's emulator through hook, which sees each request
// and the emulator's recorded answer and may replace it (return true after
// writing its own answer to w).
func hookServer(t *testing.T, env *testEnv, hook func(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) bool) *testEnv {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		env.Emu.ServeHTTP(rec, r)
		if hook(w, r, rec) {
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(bytes.Clone(rec.Body.Bytes()))
	}))
	t.Cleanup(srv.Close)
	return &testEnv{Emu: env.Emu, Server: srv, Client: env.Client}
}
