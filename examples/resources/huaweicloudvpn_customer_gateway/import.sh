# A customer gateway is imported by its id. The CA certificate content is
# never returned by the service, so after an import the first apply sends it
# again (an in-place update).
terraform import huaweicloudvpn_customer_gateway.example 03c0aa3d-5e2f-4c8e-9d82-473765d4a8df
