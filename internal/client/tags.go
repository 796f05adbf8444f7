package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// Tag resource types: the {resource_type} path element of the tag APIs.
const (
	ResourceTypeVPNGateway      = "vpn-gateway"
	ResourceTypeCustomerGateway = "customer-gateway"
	ResourceTypeVPNConnection   = "vpn-connection"
)

// Tag is one key/value tag of a resource (VpnResourceTag / ResourceTag).
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ProjectTag is a tag key with values: an entry of ListProjectTags, and a
// condition of ResourceInstancesFilter (where an empty Values means any value).
type ProjectTag struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// Match is a search condition of ResourceInstancesFilter; Key is "resource_name".
type Match struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ResourceInstancesFilter is the body of the resource-instances filter and
// count calls. WithoutAnyTag=true selects untagged resources and makes the
// service ignore Tags.
type ResourceInstancesFilter struct {
	WithoutAnyTag *bool        `json:"without_any_tag,omitempty"`
	Tags          []ProjectTag `json:"tags,omitempty"`
	Matches       []Match      `json:"matches,omitempty"`
}

// ResourceInstance is one resource found by FilterResourceInstances.
type ResourceInstance struct {
	ResourceID     string          `json:"resource_id"`
	ResourceName   string          `json:"resource_name,omitempty"`
	ResourceDetail json.RawMessage `json:"resource_detail,omitempty"`
	Tags           []Tag           `json:"tags,omitempty"`
}

// wireFilter returns the filter as sent: nil becomes an empty body, and a
// tag condition's nil Values is sent as [] (any value), never null.
func wireFilter(f *ResourceInstancesFilter) *ResourceInstancesFilter {
	out := &ResourceInstancesFilter{}
	if f == nil {
		return out
	}
	*out = *f
	if f.Tags != nil {
		out.Tags = make([]ProjectTag, len(f.Tags))
		for i, t := range f.Tags {
			out.Tags[i] = ProjectTag{Key: t.Key, Values: t.Values}
			if t.Values == nil {
				out.Tags[i].Values = []string{}
			}
		}
	}
	return out
}

// CreateResourceTags adds (or overwrites) tags on a resource
// (POST /{resource_type}/{id}/tags/create).
func (c *Client) CreateResourceTags(ctx context.Context, resourceType, id string, tags []Tag) error {
	in := struct {
		Tags []Tag `json:"tags"`
	}{tags}
	if in.Tags == nil {
		in.Tags = []Tag{}
	}
	return c.doSettled(ctx, http.MethodPost, c.Path(resourceType, id, "tags", "create"), in, nil)
}

// DeleteResourceTags removes tags from a resource
// (POST /{resource_type}/{id}/tags/delete). A tag with an empty Value is
// sent by key alone (the value is optional in the delete body).
func (c *Client) DeleteResourceTags(ctx context.Context, resourceType, id string, tags []Tag) error {
	type deleteTag struct {
		Key   string `json:"key"`
		Value string `json:"value,omitempty"`
	}
	in := struct {
		Tags []deleteTag `json:"tags"`
	}{Tags: make([]deleteTag, len(tags))}
	for i, t := range tags {
		in.Tags[i] = deleteTag(t)
	}
	return c.doSettled(ctx, http.MethodPost, c.Path(resourceType, id, "tags", "delete"), in, nil)
}

// GetResourceTags reads the tags of one resource.
func (c *Client) GetResourceTags(ctx context.Context, resourceType, id string) ([]Tag, error) {
	var out struct {
		Tags []Tag `json:"tags"`
	}
	if err := c.Do(ctx, http.MethodGet, c.Path(resourceType, id, "tags"), nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Tags, nil
}

// ListProjectTags reads every tag key (with its values) used on resources of
// one type in the project.
func (c *Client) ListProjectTags(ctx context.Context, resourceType string) ([]ProjectTag, error) {
	var out struct {
		Tags []ProjectTag `json:"tags"`
	}
	if err := c.Do(ctx, http.MethodGet, c.Path(resourceType, "tags"), nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Tags, nil
}

// FilterResourceInstances returns every resource of a type that matches the
// filter, reading all pages (limit/offset).
func (c *Client) FilterResourceInstances(ctx context.Context, resourceType string, filter *ResourceInstancesFilter) ([]ResourceInstance, error) {
	body := wireFilter(filter)
	return listAllByOffset(ctx, url.Values{}, func(ctx context.Context, q url.Values) ([]ResourceInstance, int, error) {
		var out struct {
			Resources  []ResourceInstance `json:"resources"`
			TotalCount int                `json:"total_count"`
		}
		if err := c.Query(ctx, c.Path(resourceType, "resource-instances", "filter"), q, body, &out); err != nil {
			return nil, 0, err
		}
		return out.Resources, out.TotalCount, nil
	})
}

// CountResourceInstances returns how many resources of a type match the filter.
func (c *Client) CountResourceInstances(ctx context.Context, resourceType string, filter *ResourceInstancesFilter) (int, error) {
	var out struct {
		TotalCount *int `json:"total_count"`
	}
	if err := c.Query(ctx, c.Path(resourceType, "resource-instances", "count"), nil, wireFilter(filter), &out); err != nil {
		return 0, err
	}
	if out.TotalCount == nil {
		return 0, errMissing("total_count")
	}
	return *out.TotalCount, nil
}
