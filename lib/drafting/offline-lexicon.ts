/**
 * The words the offline drafter understands, by what they do in a request. A word that is in none
 * of these lists, names no tool and is not part of a recognised condition is "not understood": in a
 * permit it makes the drafter ask instead of writing a policy that might ignore it.
 */

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Say that something may happen. */
export const PERMIT_WORDS = words(`allow allows allowed allowing permit permits permitted permitting let lets may can could able grant grants granted
  enable enables enabled authorize authorized authorise authorised ok okay fine free welcome fine acceptable alright`);

/** Say that something must not happen (with "not", "no", "never" and the people words "nobody", "no one"). */
export const DENY_WORDS = words(`not no never deny denies denied forbid forbids forbidden prohibit prohibits prohibited disallow disallows disallowed
  block blocks blocked ban bans banned reject rejects rejected refuse refuses refused prevent prevents prevented stop stops stopped nobody none`);

/** Say nothing about permission by themselves: auxiliaries, determiners, fillers, politeness. */
export const FILLER = words(`the a an be been being is are was were will would shall should must to of also too as well please just so do does did
  done doing that which who this these those there here it its they them their's and or but if then than any all some each every
  everything anything whatever kind kinds sort type types also again ever at way ways going get gets getting got have has had
  tool tools call calls calling request requests action actions operation operations access data information info details stuff
  things thing api apis endpoint endpoints system service via using use used make making perform performing with on in for by from
  want wants wanted like only allowed lets policy policies rule rules anyone everyone everybody anybody whoever agent agents
  user users caller callers client clients principal principals people person persons folks public somebody someone account
  accounts role roles team teams group groups member members department departments staff employee employees what when able
  case cases time times always sure still go free nothing else other others rest otherwise same full fully entire whole
  time per call requests do database databases db sql repo repos repository server platform app application workspace
  gateway filesystem disk file-system happen happens occur occurs ever done`);

/** People in general: a subject that names no one in particular. */
export const GENERIC_PEOPLE = words(`everyone everybody anyone anybody whoever agent agents user users caller callers client clients principal principals
  people person persons folks public somebody someone all any`);

/** Words naming a kind of people, so that "support viewers" reads as a role and "sales people" as role sales. */
export const PEOPLE_HEADS = words(`people folks staff persons team members employees`);

/** Words that come before a group name: "people in finance", "members of the ops team". */
export const GROUP_NOUNS = words(`team group department squad org organization organisation unit`);

/** Words of the limit phrases the drafter reads ("no more than", "between … and …"). */
export const LIMIT_WORDS = words(`under below less fewer lower smaller beneath over above more greater higher larger bigger exceeding exceeds exceed
  excess beyond least most maximum max minimum min up limited limit limits capped cap ceiling between from through inclusive
  exclusive or and amount amounts value values sum total totals size`);

/** Words the drafter knows, for telling a typo from a word it has never seen. */
export const KNOWN_WORDS = new Set<string>([
  ...PERMIT_WORDS,
  ...DENY_WORDS,
  ...FILLER,
  ...GENERIC_PEOPLE,
  ...PEOPLE_HEADS,
  ...GROUP_NOUNS,
  ...LIMIT_WORDS,
  ...words(`except unless excluding besides apart outside inside within other without only solely exclusively reserved restricted require
  requires required need needs needed read reads reading view views viewed viewing see seen look looked lookup looking list lists listed
  listing search searches searched searching fetch fetched query queries queried inspect inspected create creates created creating
  creation add adds added adding new insert inserts inserted place places placed placing update updates updated updating modify
  modifies modified modification modifications change changes changed changing edit edits edited editing amend amended delete deletes
  deleted deleting deletion remove removes removed removal cancel cancels cancelled canceled cancelling canceling cancellation destroy
  write writes writing written mutate mutations execute executes executed executing run runs running process processes
  processed processing open opens opened send sends sent sending everything anything dollars cents money read-only readonly never always`),
]);

/** Words only for telling typos apart: they name things some gateways have, so they are not harmless everywhere. */
export const DOMAIN_WORDS = words(`issue issues issued file files filed merge merges merged merging post posts posted posting react reacts reacted
  charge charges charged refund refunds refunded refunding pay pays paid payout payouts move moves moved moving order orders`);

/** A clause about a time, a rate, ownership or content: AgentCore's request has no such thing, so Cedar cannot say it. */
export const UNEXPRESSIBLE: Array<{ what: string; re: RegExp }> = [
  {
    what: "a time or a day",
    re: /\b(business|office|working|opening) hours\b|\bafter hours\b|\b(week-?ends?|week-?days?|holidays?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|nights?|night-?time|mornings?|evenings?|afternoons?|daytime|today|tomorrow|yesterday|noon|midnight|o'?clock|overnight)\b|\b\d{1,2}(:\d{2})?\s*(am|pm)\b|\b\d{1,2}:\d{2}\b|\bduring\b|\buntil\b|\bdates?\b|\btimes? of day\b/,
  },
  {
    what: "a rate or a count of calls",
    re: /\bper (day|hour|minute|second|week|month|year|session|user|customer|person|agent)\b|\b(a|an|each|every) (day|hour|minute|second|week|month|year|session)\b|\b(daily|hourly|weekly|monthly|yearly|annually|once|twice|thrice|quota|rate|cumulative|cumulatively|in total|total of \d+ (calls|refunds|times))\b|\b\d+ times\b|\b\d+ \w+ (a|an) (day|hour|minute|second|week|month|year)\b/,
  },
  { what: "who owns something", re: /\b(own|owns|owned|owner of|their|his|her|my|mine|yours|themselves|himself|herself|belong|belongs|belonging|assigned to them)\b/ },
  { what: "the content of a text argument", re: /\b(contain|contains|containing|mention|mentions|mentioning|matching|matches|starting with|starts with|ending with|ends with|beginning with|begins with|include|includes|including|with the word|words?|keywords?|regex|pattern like)\b/ },
  { what: "an approval, a verification or a prior event", re: /\b(approv\w*|verif\w*|authenticat\w*|mfa|2fa|two-factor|sign-?off|signed off|reviewed|consent\w*|after (a|an|the|two|\d+) \w+|asked|requested it|confirm\w*)\b/ },
];
