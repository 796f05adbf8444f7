package emulator

// ProviderEnv is the provider's environment that points it at this emulator
// served at baseURL (such as http://127.0.0.1:8999): region, credentials,
// project and both endpoints, as ordered name/value pairs. `vpn-emulator
// -print-env` prints them as export lines; test harnesses set them on the
// Terraform process.
func (e *Emulator) ProviderEnv(baseURL string) [][2]string {
	o := e.opts
	return [][2]string{
		{"HW_REGION_NAME", o.Region}, {"HW_ACCESS_KEY", o.AccessKey}, {"HW_SECRET_KEY", o.SecretKey},
		{"HW_PROJECT_ID", o.ProjectID}, {"HW_VPN_ENDPOINT", baseURL}, {"HW_IAM_ENDPOINT", baseURL},
		{"HW_EIP_ENDPOINT", baseURL},
	}
}
