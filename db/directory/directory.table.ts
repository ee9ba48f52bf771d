import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ServiceRequestType, ServiceStatus, SexTreated } from '../../domain/directory/service.schema';
import type { Priority } from '../../domain/priorities';

export type { ServiceRequestType, ServiceStatus, SexTreated };

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Postgres `date` columns come back as Date from pg and PGlite; we write ISO dates. */
type DateColumn = ColumnType<Date, string, string>;

export type SlotStatus = 'free' | 'booked' | 'cancelled';

export interface PostcodeDistrictTable {
  outcode: string;
  lat: number;
  lng: number;
}

export interface SpecialtyTable {
  code: string;
  name: string;
}

export interface ClinicTypeTable {
  specialty_code: string;
  code: string;
  name: string;
}

/** The current definition of a service; `service_versions` keeps every published one. */
export interface ServiceTable {
  id: Generated<number>;
  provider_org_code: string;
  name: string;
  status: Generated<ServiceStatus>;
  /** The latest published version; 0 while it was never published. */
  version: Generated<number>;
  request_types: ServiceRequestType[];
  specialty_code: string;
  clinic_type_code: string | null;
  location: string;
  /** Postal address and telephone of the clinic, for the patient's letter; null until the service definer gives them. */
  address: string | null;
  telephone: string | null;
  outcode: string;
  age_min: Generated<number>;
  age_max: Generated<number>;
  sex_treated: Generated<SexTreated>;
  conditions_treated: Generated<string>;
  exclusions: Generated<string>;
  letter_required: Generated<boolean>;
  indicative_wait_days: number;
  clinicians: Generated<string[]>;
  instructions: Generated<string>;
  /** National ("secondary care menu"): visible to every referrer without a commissioning rule. */
  national: Generated<boolean>;
  polling_range_days: Generated<number>;
  reservation_hours: Generated<number>;
  /** Set when the provider flags the service under pressure by hand. */
  capacity_flagged_at: Timestamp | null;
  capacity_note: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ServiceVersionTable {
  service_id: number;
  version: number;
  definition: ColumnType<Record<string, unknown>, string, never>;
  published_by: string;
  published_at: DefaultedTimestamp;
}

export interface BookingWindowTable {
  service_id: number;
  priority: Priority;
  from_days: number;
  to_days: number;
}

export interface SlotTemplateTable {
  id: Generated<number>;
  service_id: number;
  /** ISO weekday: 1 Monday ... 7 Sunday. */
  weekday: number;
  /** Local (Europe/London) wall-clock time, `HH:MM` or `HH:MM:SS`. */
  start_time: string;
  slot_minutes: number;
  slot_count: Generated<number>;
  clinician: string;
}

export interface SlotTable {
  id: Generated<number>;
  service_id: number;
  start_at: Timestamp;
  end_at: Timestamp;
  clinician: string;
  status: Generated<SlotStatus>;
  ubrn: string | null;
  booked_at: Timestamp | null;
  released_at: DefaultedTimestamp;
}

export interface CommissioningRuleTable {
  id: Generated<number>;
  service_id: number;
  commissioning_area: string;
  starts_on: DateColumn;
  ends_on: DateColumn | null;
  created_by: string;
  created_at: DefaultedTimestamp;
}

export interface DirectoryTables {
  postcode_districts: PostcodeDistrictTable;
  specialties: SpecialtyTable;
  clinic_types: ClinicTypeTable;
  services: ServiceTable;
  service_versions: ServiceVersionTable;
  booking_windows: BookingWindowTable;
  slot_templates: SlotTemplateTable;
  slots: SlotTable;
  commissioning_rules: CommissioningRuleTable;
}

export type ServiceRow = Selectable<ServiceTable>;
export type NewService = Insertable<ServiceTable>;
export type Slot = Selectable<SlotTable>;
