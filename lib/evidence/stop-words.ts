/**
 * English words too common to say what an argument is about. Matching on them would rank the
 * longest sentences first, whatever the argument says.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below
  between both but by can could did do does doing don down during each even few for from further had has have
  having he her here hers herself him himself his how however i if in into is isn it its itself just let like
  may me might more most much must my myself no nor not now of off on once only or other our ours ourselves out
  over own per really said same says she should so some such than that the their theirs them themselves then
  there these they this those through thus to too under until up upon very was we were what when where which
  while who whom why will with would yet you your yours yourself yourselves think because shall one two get got
  make makes made many well way ve ll re`
    .split(/\s+/)
    .filter(Boolean),
);
