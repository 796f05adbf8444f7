package provider

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Checks on the emulator shared by the resource tests.

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

// checkDeletedBehindTerraform deletes the resource at addr from the emulator
// (kind is an emulator.Kind* constant), as the _disappears tests need;
// idAttr is the state attribute the emulator knows it by ("id" for most).
func checkDeletedBehindTerraform(env *testEnv, kind, addr, idAttr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		id := rs.Primary.ID
		if idAttr != "id" {
			id = rs.Primary.Attributes[idAttr]
		}
		if !env.Emu.DeleteResource(kind, id) {
			return fmt.Errorf("the emulator has no %s %s to delete", kind, id)
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
