# A connection monitor is imported by its id (the connection's
# connection_monitor_id attribute shows it).
terraform import huaweicloudvpn_connection_monitor.example 76f64229-1c4e-4a8d-9a86-3907e2815b6d
