// Command terraform-provider-huaweicloudvpn is the Terraform provider for
// Huawei Cloud enterprise site-to-site VPN (API v5).
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// No logging work when nobody reads the logs (see logging.go).
	quietLogsFromEnv(debug)
	tuneMemory()
	stopProfiling := startProfiling()

	opts := providerserver.ServeOpts{
		Address: "registry.terraform.io/huaweicloudvpn/huaweicloudvpn",
		Debug:   debug,
	}
	err := providerserver.Serve(context.Background(), provider.New(version), opts)
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}
