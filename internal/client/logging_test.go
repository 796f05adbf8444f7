package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestDo_logsWithoutSecrets(t *testing.T) {
	const (
		psk        = "Psk-Sup3r-S3cret-Value"
		privateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
		encKey     = "enc-private-key-material-42"
		token      = "temporary-security-token-XYZ"
		authToken  = "auth-token-from-a-response-77"
		// echoedToken and bodySK are secrets the client was not configured
		// with, so only key and header masking (not value masking) hides them.
		echoedToken = "echoed-security-token-88"
		bodySK      = "secret-key-in-a-body-99"
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Request-Id", "req-log-1")
		w.Header().Set("X-Subject-Token", token)
		// Header values the client does not know: only header masking hides them.
		w.Header().Set("X-Auth-Token", authToken)
		w.Header().Set("X-Security-Token", echoedToken)
		// A (hypothetical) echo of the secrets in the response.
		fmt.Fprintf(w, `{"vpn_connection":{"id":"conn-1","name":"visible-connection-name","psk":%q,"nested":[{"private_key":%q}]}}`, psk, privateKey)
	}))
	defer srv.Close()
	c, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.SecurityToken = token })

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	in := map[string]any{"vpn_connection": map[string]any{
		"name": "visible-connection-name", "psk": psk, "secret_key": bodySK,
		"certificate": map[string]any{"private_key": privateKey, "enc_private_key": encKey, "content": "visible-cert-body"},
	}}
	if err := c.Do(ctx, http.MethodPost, c.Path("vpn-connection"), nil, in, nil); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	for name, secret := range map[string]string{
		"psk": psk, "private key": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "enc private key": encKey,
		"secret key": ctTestSK, "security token": token,
		"X-Auth-Token": authToken, "X-Security-Token header": echoedToken, "secret_key in a body": bodySK,
	} {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the logs:\n%s", name, logs)
		}
	}
	for _, visible := range []string{"visible-connection-name", "visible-cert-body", "conn-1", "req-log-1", `"@module":"provider.http"`, `"http_status":200`, `"http_method":"POST"`, "/v5/proj0123/vpn-connection", `"@level":"debug"`, `"@level":"trace"`} {
		if !strings.Contains(logs, visible) {
			t.Errorf("logs lack %q:\n%s", visible, logs)
		}
	}
	// The Authorization header is masked entirely (signature included).
	if strings.Contains(logs, "SDK-HMAC-SHA256") {
		t.Errorf("the Authorization header is logged:\n%s", logs)
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil || len(entries) < 3 {
		t.Fatalf("%d log entries, err %v", len(entries), err)
	}
}

func TestRedactJSON(t *testing.T) {
	cases := map[string]string{
		`{"psk":"abc","name":"n"}`:                        `{"name":"n","psk":"***"}`,
		`{"a":[{"secret_key":"s"},{"Security_Token":1}]}`: `{"a":[{"secret_key":"***"},{"Security_Token":"***"}]}`,
		`{"n":12345678901234567890}`:                      `{"n":12345678901234567890}`,
		`{"psk":"abc", "name":"trunc`:                     `{"psk":"***", "name":"trunc`,
		`psk=abc&name=n`:                                  `psk=***&name=n`,
		``:                                                ``,
		`plain text`:                                      `plain text`,
		"x -----BEGIN RSA PRIVATE KEY-----\nAAA\n-----END RSA PRIVATE KEY----- y": "x *** y",
		`{"cert":"-----BEGIN EC PRIVATE KEY-----\nBBB"}`:                          `{"cert":"***"}`,
	}
	for in, want := range cases {
		if got := RedactJSON([]byte(in)); got != want {
			t.Errorf("RedactJSON(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestRedactHeaders(t *testing.T) {
	h := http.Header{"Authorization": {"SDK-HMAC-SHA256 Access=a"}, "X-Security-Token": {"t"}, "X-Auth-Token": {"t2"}, "X-Project-Id": {"p"}}
	got := RedactHeaders(h)
	if got["Authorization"] != "***" || got["X-Security-Token"] != "***" || got["X-Auth-Token"] != "***" || got["X-Project-Id"] != "p" {
		t.Errorf("RedactHeaders = %v", got)
	}
}
