package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// Reference 4.1.1.7 response; the extraction lost the first flavor's key
// and the outer brace. The first key is restored as "basic" (NOTES.md
// item 5) and one NonFixedIP key from the SDK is added.
const refAvailabilityZonesResponse = `{
  "availability_zones": {
    "basic": {
      "vpc": ["cn-south-1f"],
      "er": []
    },
    "professional1": {
      "vpc": ["cn-south-1f", "cn-south-1e", "cn-south-1c"],
      "er": ["cn-south-1f"]
    },
    "professional2": {
      "vpc": ["cn-south-1f", "cn-south-1e", "cn-south-1c"],
      "er": ["cn-south-1f"]
    },
    "gm": {
      "vpc": ["cn-south-1f", "cn-south-1e", "cn-south-1c"],
      "er": ["cn-south-1f"]
    },
    "Professional1-NonFixedIP": {
      "vpc": ["cn-south-1e"],
      "er": []
    }
  },
  "request_id": "b60309ab-812c-4269-9de4-fb9a65e6db16"
}`

func TestListAvailabilityZones(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refAvailabilityZonesResponse))
	azs, err := c.ListAvailabilityZones(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn-gateways", "availability-zones"), nil)
	mtEqual(t, "flavors", len(azs), 5)
	for flavor, want := range map[string]string{
		"Professional1":            "cn-south-1f,cn-south-1e,cn-south-1c",
		"GM":                       "cn-south-1f,cn-south-1e,cn-south-1c",
		"Basic":                    "cn-south-1f",
		"Professional1-NonFixedIP": "cn-south-1e",
	} {
		z, ok := azs.ForFlavor(flavor)
		if !ok {
			t.Errorf("ForFlavor(%q) not found", flavor)
			continue
		}
		mtEqual(t, flavor+" vpc", strings.Join(z.VPC, ","), want)
	}
	if z, _ := azs.ForFlavor("Professional2"); strings.Join(z.ER, ",") != "cn-south-1f" {
		t.Errorf("Professional2 er = %v", z.ER)
	}
	if _, ok := azs.ForFlavor("Professional3"); ok {
		t.Error("ForFlavor(Professional3) found a flavor the service did not list")
	}
}

func TestListAvailabilityZones_missing(t *testing.T) {
	c, _ := mtNew(t, mtAlways(http.StatusOK, `{"request_id":"r"}`))
	if _, err := c.ListAvailabilityZones(context.Background()); err == nil {
		t.Fatal("no error for a response without availability_zones")
	}
}
