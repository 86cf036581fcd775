import { api } from '../../lib/api';
import type { ReceptionSession } from '../portal/api/portal.api';

export type StaffSession = Omit<ReceptionSession, 'bookable'> & { status: 'published' | 'cancelled' };

export interface Booking {
  id: string;
  bookingCode: string;
  name: string;
  phone: string;
  subject: string;
  personCount: number;
  status: 'booked' | 'cancelled' | 'attended' | 'no_show';
  caseId: string | null;
  bookedAt: string;
}

export interface SessionForm {
  unitId: string;
  kind: 'leader_reception' | 'duty';
  hostName: string;
  hostTitle?: string;
  startsAt: string;
  endsAt: string;
  place: string;
  topics?: string;
  capacity: number;
}

export const receptionApi = {
  list: () => api<{ items: StaffSession[] }>('/api/reception-sessions'),
  detail: (id: string) => api<StaffSession & { bookings: Booking[] }>(`/api/reception-sessions/${id}`),
  publish: (b: SessionForm) => api<{ id: string }>('/api/reception-sessions', { method: 'POST', body: b }),
  cancel: (id: string, reason: string) =>
    api<StaffSession & { bookings: Booking[] }>(`/api/reception-sessions/${id}/cancel`, {
      method: 'POST',
      body: { reason },
    }),
  attendance: (id: string, outcome: 'attended' | 'no_show') =>
    api<StaffSession & { bookings: Booking[] }>(`/api/appointments/${id}/attendance`, {
      method: 'POST',
      body: { outcome },
    }),
};
