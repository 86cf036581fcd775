import { api } from '../../../lib/api';

/** GET /api/portal/options: what the public form offers. */
export interface PortalOptions {
  consentVersion: string;
  categories: { code: string; name: string; group: string }[];
  units: { id: string; parentId: string | null; kind: 'district' | 'town' | 'community'; name: string }[];
}

export interface Credentials {
  trackingCode: string;
  password: string;
}

export interface PetitionForm {
  smsCode: string;
  consent: true;
  consentVersion: string;
  name: string;
  idNumber: string;
  phone: string;
  contactAddress: string;
  categoryCode: string;
  unitId: string;
  address: string;
  title: string;
  facts: string;
  demands: string;
}

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** POST /api/portal/track: the petitioner's public view of their case. */
export interface TrackView {
  trackingCode: string;
  caseNo: string;
  title: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  timeline: { at: string; type: string; text: string }[];
  dueDates: { code: string; label: string; dueOn: string }[];
  replies: { kind: string; title: string; text: string }[];
  receiptConfirmed: boolean;
  rated: boolean;
  abilities: { confirmReceipt: boolean; rate: boolean; requestReview: boolean };
}

const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body, noAuthRedirect: true });

export const portalApi = {
  options: () => api<PortalOptions>('/api/portal/options', { noAuthRedirect: true }),
  captcha: () => post<{ token: string; svg: string; expiresAt: string }>('/api/portal/captcha', {}),
  smsCode: (b: { captchaToken: string; captchaAnswer: string; phone: string }) =>
    post<{ sentTo: string; expiresInSeconds: number }>('/api/portal/sms-code', b),
  submit: (b: PetitionForm) =>
    post<{ trackingCode: string; queryPassword: string }>('/api/portal/petitions', b),
  track: (c: Credentials) => post<TrackView>('/api/portal/track', c),
  confirmReceipt: (c: Credentials) => post<TrackView>('/api/portal/track/confirm-receipt', c),
  rate: (c: Credentials, b: { satisfaction: Satisfaction; comment?: string }) =>
    post<TrackView>('/api/portal/track/rate', { ...c, ...b }),
  requestReview: (c: Credentials, reasons: string) =>
    post<TrackView>('/api/portal/track/request-review', { ...c, reasons }),
};

/** A published reception session (GET /api/portal/reception-sessions). */
export interface ReceptionSession {
  id: string;
  unit: { id: string; name: string };
  kind: 'leader_reception' | 'duty';
  hostName: string;
  hostTitle: string | null;
  startsAt: string;
  endsAt: string;
  place: string;
  topics: string | null;
  capacity: number;
  booked: number;
  remaining: number;
  bookable: boolean;
}

export interface Workstation {
  unitId: string;
  name: string;
  town: string | null;
  address: string;
  phone: string;
  openingHours: string;
  duty: { weekday: number; start: string; end: string; staff: string }[];
}

export interface BookingForm {
  sessionId: string;
  name: string;
  phone: string;
  smsCode: string;
  subject: string;
  personCount: number;
}

export const appointmentApi = {
  schedule: () =>
    api<{ items: ReceptionSession[] }>('/api/portal/reception-sessions', { noAuthRedirect: true }),
  book: (b: BookingForm) =>
    post<{ bookingCode: string; when: string; place: string; host: string }>('/api/portal/appointments', b),
  cancel: (b: { bookingCode: string; phone: string }) =>
    post<{ cancelled: true }>('/api/portal/appointments/cancel', b),
  workstations: (q: string) =>
    api<{ items: Workstation[]; hasMore: boolean }>('/api/portal/workstations', {
      query: { q: q || undefined },
      noAuthRedirect: true,
    }),
};
