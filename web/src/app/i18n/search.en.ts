import type { searchZhCN } from './search.zh-CN';

export const searchEn: typeof searchZhCN = {
  nav: 'Search',
  title: 'Search cases',
  placeholder: 'Words to look for: pigeon droppings, property fee, unpaid wages, an estate or an address',
  hint: 'Searches titles, facts, demands, addresses and replies of the cases in your jurisdiction',
  none: 'No matching cases',
  found: '{{count}}{{more}} found ({{ms}} ms)',
  filters: { state: 'State', open: 'Open', closed: 'Closed', channel: 'Channel' },
  sort: { relevance: 'Relevance', date: 'Newest' },
  fields: { facts: 'Facts', demands: 'Demands', address: 'Address', opinion: 'Reply' },
  reasons: {
    same_person: 'Same petitioner',
    same_address: 'Same address',
    similar_text: 'Similar text',
    terminated_same_facts: 'Terminated, same facts and reasons',
  },
  duplicates: {
    title: 'Possible repeats',
    none: 'No similar earlier case',
    linkAsRepeat: 'Link as a repeat of this case',
    confirmNew: 'Confirm as a new case',
    willLink: 'Will be linked as a repeat of {{caseNo}} when registered',
    confirmedNew: 'Confirmed as a new case',
    terminatedHint:
      'This matter was terminated after review and recheck: the same facts and reasons are not accepted again (not-re-accepted notice)',
    linked: 'Registered and linked as a repeat of {{caseNo}}',
    linkFailed: 'Registered, but linking failed: {{message}}',
    ofCase: 'Possible repeats (earlier cases)',
  },
};
