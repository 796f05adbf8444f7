// Command terraform-provider-huaweicloudvpn is the Terraform provider for
// Huawei Cloud enterprise site-to-site VPN (API v5).
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// address is the provider's registry address.
const address = "registry.terraform.io/huaweicloudvpn/huaweicloudvpn"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// No logging work when nobody reads the logs (see logging.go).
	quietLogsFromEnv(debug)
	tuneMemory()
	stopProfiling := startProfiling()

	// What providerserver.Serve does, with the framework's server wrapped so
	// that finished RPCs do not keep their contexts (see rpccontext.go).
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return releaseContexts(providerserver.NewProtocol6(provider.New(version)())())
	}, opts...)
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}
