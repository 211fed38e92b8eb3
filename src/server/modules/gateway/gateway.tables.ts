export type QuarantineStatus = 'pending' | 'assigned';

export interface GatewayQuarantineTable {
  id: string;
  mn: string;
  first_seen_at: number;
  last_seen_at: number;
  packet_count: number;
  last_raw: string;
  last_st: string | null;
  last_cn: string | null;
  last_remote_address: string | null;
  status: QuarantineStatus;
  assigned_station_id: string | null;
  assigned_at: number | null;
  assigned_by: string | null;
}

export interface GatewayQuarantinePacketsTable {
  id: string;
  quarantine_id: string;
  received_at: number;
  raw: string;
}

export interface GatewayMnAssignmentsTable {
  mn: string;
  station_id: string;
  assigned_at: number;
  assigned_by: string | null;
}

export interface GatewayBadPacketsTable {
  id: string;
  received_at: number;
  remote_address: string | null;
  mn: string | null;
  reason: string;
  message: string;
  raw: string | null;
}

export interface GatewayTables {
  gateway_quarantine: GatewayQuarantineTable;
  gateway_quarantine_packets: GatewayQuarantinePacketsTable;
  gateway_mn_assignments: GatewayMnAssignmentsTable;
  gateway_bad_packets: GatewayBadPacketsTable;
}
