package emulator

import "net/http"

// OWNER: gateway family helper. Placeholder: verify must check SDK-HMAC-SHA256.

// verify checks the request's signature and date. It returns status 0 when
// the request is authentic, else the HTTP status, error code and message.
func (e *Emulator) verify(r *http.Request, body []byte) (int, string, string) { return 0, "", "" }
