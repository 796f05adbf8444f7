package provider

// The state from the service's answer, and the keys to send, for
// huaweicloudvpn_vpn_gateway_certificate.

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// flattenVGWCertificate is the model of c; base (plan or prior state)
// supplies what the service does not return: certificates, keys, version,
// timeouts, and values the create and update answers lack.
func flattenVGWCertificate(c *client.VPNGatewayCertificate, base *vgwCertificateModel) vgwCertificateModel {
	m := *base
	m.ID = types.StringValue(c.ID)
	m.VgwID = strOrPrior(c.VgwID, base.VgwID)
	m.ProjectID = strOrPrior(c.ProjectID, base.ProjectID)
	m.Name = strOrPrior(c.Name, base.Name)
	m.PrivateKeyWO = types.StringNull()
	m.EncPrivateKeyWO = types.StringNull()
	m.Status = strOrPrior(c.Status, types.StringUnknown())
	m.Issuer = strOrPrior(c.Issuer, base.Issuer)
	m.SignatureAlgorithm = strOrPrior(c.SignatureAlgorithm, base.SignatureAlgorithm)
	m.CertificateSerialNumber = strOrPrior(c.CertificateSerialNumber, base.CertificateSerialNumber)
	m.CertificateSubject = strOrPrior(c.CertificateSubject, base.CertificateSubject)
	m.CertificateExpireTime = strOrPrior(c.CertificateExpireTime, base.CertificateExpireTime)
	m.CertificateChainSerialNumber = strOrPrior(c.CertificateChainSerialNumber, base.CertificateChainSerialNumber)
	m.CertificateChainSubject = strOrPrior(c.CertificateChainSubject, base.CertificateChainSubject)
	m.CertificateChainExpireTime = strOrPrior(c.CertificateChainExpireTime, base.CertificateChainExpireTime)
	m.EncCertificateSerialNumber = strOrPrior(c.EncCertificateSerialNumber, base.EncCertificateSerialNumber)
	m.EncCertificateSubject = strOrPrior(c.EncCertificateSubject, base.EncCertificateSubject)
	m.EncCertificateExpireTime = strOrPrior(c.EncCertificateExpireTime, base.EncCertificateExpireTime)
	m.CreatedAt = strOrPrior(c.CreatedAt, base.CreatedAt)
	m.UpdatedAt = strOrPrior(c.UpdatedAt, base.UpdatedAt)
	for _, v := range []*pemValue{&m.Certificate, &m.CertificateChain, &m.EncCertificate, &m.PrivateKey, &m.EncPrivateKey} {
		if v.IsUnknown() {
			*v = pemNull()
		}
	}
	return m
}

// vgwCertKeys returns the two private keys: the sensitive ones from the
// plan, else the write-only ones, which only the configuration holds.
func vgwCertKeys(plan, config *vgwCertificateModel) (sign, enc string) {
	sign, enc = plan.PrivateKey.ValueString(), plan.EncPrivateKey.ValueString()
	if sign == "" {
		sign = config.PrivateKeyWO.ValueString()
	}
	if enc == "" {
		enc = config.EncPrivateKeyWO.ValueString()
	}
	return sign, enc
}
