package apispec

import "fmt"

// Gateway flavors (NOTES.md item 4: the create table names Professional1,
// Professional2 and GM; the SDK adds Basic, Professional3 and -NonFixedIP).
const (
	FlavorBasic                 = "Basic"
	FlavorProfessional1         = "Professional1"
	FlavorProfessional2         = "Professional2"
	FlavorProfessional3         = "Professional3"
	FlavorProfessional1NonFixed = "Professional1-NonFixedIP"
	FlavorProfessional2NonFixed = "Professional2-NonFixedIP"
	FlavorProfessional3NonFixed = "Professional3-NonFixedIP"
	FlavorGM                    = "GM"
)

// GatewayFlavors are the flavors a gateway may be created with.
var GatewayFlavors = []string{
	FlavorBasic, FlavorProfessional1, FlavorProfessional2, FlavorProfessional3,
	FlavorProfessional1NonFixed, FlavorProfessional2NonFixed, FlavorProfessional3NonFixed, FlavorGM,
}

// LegacyFlavors are retired flavors (reference 4.1.1.2 response, flavor:
// "该取值已经废弃,但仍然保留兼容性支持"): existing gateways may still
// report them, but no gateway is created with or changed to them.
var LegacyFlavors = []string{"v300", "v1g"}

// SpecificationFlavors are the flavors update-specification accepts (never GM).
var SpecificationFlavors = []string{
	FlavorBasic, FlavorProfessional1, FlavorProfessional2,
	FlavorProfessional1NonFixed, FlavorProfessional2NonFixed,
}

// Gateway enumeration values.
const (
	NetworkTypePublic   = "public"
	NetworkTypePrivate  = "private"
	AttachmentTypeVPC   = "vpc"
	AttachmentTypeER    = "er"
	HAModeActiveActive  = "active-active"
	HAModeActiveStandby = "active-standby"
)

// Gateway enumerations.
var (
	NetworkTypes    = []string{NetworkTypePublic, NetworkTypePrivate}
	AttachmentTypes = []string{AttachmentTypeVPC, AttachmentTypeER}
	HAModes         = []string{HAModeActiveActive, HAModeActiveStandby}
	IPVersions      = []string{"ipv4", "ipv6"}
	EIPChargeModes  = []string{"bandwidth", "traffic"}
	GatewayStatuses = []string{"PENDING_CREATE", "PENDING_UPDATE", "PENDING_DELETE", "ACTIVE", "FAULT", "FREEZED"}
)

// Gateway defaults filled by the service (NOTES.md item 13).
const (
	DefaultBgpAsn         int64 = 64512
	DefaultFlavor               = FlavorProfessional1
	DefaultHAMode               = HAModeActiveActive
	DefaultAttachmentType       = AttachmentTypeVPC
	DefaultNetworkType          = NetworkTypePublic
	DefaultIPVersion            = "ipv4"
)

// Gateway numeric ranges.
const (
	BgpAsnMin int64 = 1
	BgpAsnMax int64 = 4294967295
	// MaxLocalSubnets is the most local_subnets a gateway may have.
	MaxLocalSubnets = 50
	// EIPBandwidthMin / EIPBandwidthMax bound a new EIP's bandwidth_size (Mbit/s).
	EIPBandwidthMin = 1
	EIPBandwidthMax = 1000
	// EIPTypeMaxLen bounds eip.type.
	EIPTypeMaxLen = 36
)

// MaxBandwidth returns the largest EIP bandwidth_size (Mbit/s) a gateway of
// the flavor may use. Source: reference 4.1.1.1, CreateRequestEip
// bandwidth_size, "flavor为Professional1时,取值不能大于300; flavor为
// Professional2时,取值不能大于1000; flavor为GM时,取值不能大于500". Other
// flavors (Basic, Professional3, the -NonFixedIP variants, whose limits no
// source states) have the EIP maximum, 1-1000 in the same row.
func MaxBandwidth(flavor string) int {
	switch flavor {
	case FlavorProfessional1:
		return 300
	case FlavorGM:
		return 500
	default:
		return EIPBandwidthMax
	}
}

// ConnectionNumber returns the most VPN connections a gateway takes (the
// connection_number it reports). Source: every response example of the
// reference (4.1.1.1-4.1.1.4) shows "connection_number": 200; no source gives
// another number for any flavor.
func ConnectionNumber(string) int {
	return 200
}

// AvailabilityZoneKey returns the key of the availability-zones response
// object for a flavor (NOTES.md item 5): basic, professional1, professional2,
// gm, or the -NonFixedIP flavor names as they are. Professional3 flavors,
// absent from that object, report "".
func AvailabilityZoneKey(flavor string) string {
	switch flavor {
	case FlavorBasic:
		return "basic"
	case FlavorProfessional1:
		return "professional1"
	case FlavorProfessional2:
		return "professional2"
	case FlavorGM:
		return "gm"
	case FlavorProfessional1NonFixed, FlavorProfessional2NonFixed:
		return flavor
	}
	return ""
}

// AvailabilityZoneKeys are every key of the availability-zones response object.
var AvailabilityZoneKeys = []string{"basic", "professional1", "professional2", FlavorProfessional1NonFixed, FlavorProfessional2NonFixed, "gm"}

// Policy template (gateway policy_template) enumerations and ranges: the
// union of the reference's tables and the SDK's UpdateVgw*Policy enums.
var (
	PolicyAuthAlgorithms       = []string{"sha2-256", "sha2-384", "sha2-512"}
	PolicyEncryptionAlgorithms = []string{"aes-128", "aes-192", "aes-256", "aes-128-gcm-16", "aes-256-gcm-16"}
	PolicyIKEDHGroups          = []string{"group14", "group15", "group16", "group19", "group20", "group21", "disable"}
	PolicyPFSGroups            = []string{"group14", "group15", "group16", "group19", "group20", "group21", "disable"}
)

// Policy template lifetimes use IKELifetimeMin/Max and IPsecLifetimeMin/Max (connection.go).

// CheckBgpAsn checks the gateway bgp_asn range 1-4294967295.
func CheckBgpAsn(v int64) error { return CheckRange(v, BgpAsnMin, BgpAsnMax) }

// CheckBandwidth checks a new EIP's bandwidth_size against 1-1000 and the flavor's maximum.
func CheckBandwidth(flavor string, size int) error {
	if size < EIPBandwidthMin || size > EIPBandwidthMax {
		return fmt.Errorf("must be between %d and %d, got %d", EIPBandwidthMin, EIPBandwidthMax, size)
	}
	if maxSize := MaxBandwidth(flavor); size > maxSize {
		return fmt.Errorf("must be at most %d for flavor %s, got %d", maxSize, flavor, size)
	}
	return nil
}
