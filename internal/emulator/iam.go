package emulator

import (
	"net/http"
	"net/url"
)

// iamProject is an IAM project as GET /v3/projects returns it.
type iamProject struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	DomainID    string            `json:"domain_id"`
	ParentID    string            `json:"parent_id"`
	IsDomain    bool              `json:"is_domain"`
	Enabled     bool              `json:"enabled"`
	Description string            `json:"description"`
	Links       map[string]string `json:"links"`
}

// emulatorDomainID is the account (domain) id the IAM answer reports.
const emulatorDomainID = "d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5"

// registerIAM registers GET /v3/projects?name={region}: the one project of the
// emulator's credentials when name is the region (or absent), else none.
func (e *Emulator) registerIAM() {
	e.handle("GET /v3/projects", func(r *request) (int, any) {
		self := "http://" + r.Host + "/v3/projects"
		projects := []iamProject{}
		name := r.URL.Query().Get("name")
		if name == "" || name == e.opts.Region {
			projects = append(projects, iamProject{
				ID: e.opts.ProjectID, Name: e.opts.Region, DomainID: emulatorDomainID, ParentID: emulatorDomainID,
				Enabled: true, Links: map[string]string{"self": self + "/" + url.PathEscape(e.opts.ProjectID)},
			})
		}
		return http.StatusOK, map[string]any{
			"projects": projects,
			"links":    map[string]any{"self": self, "next": nil, "previous": nil},
		}
	})
}
