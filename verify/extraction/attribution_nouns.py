"""Vocabulary of claimants: which nouns name a person, a body, an information source or nobody in particular.

A claimant's head noun decides its type when named-entity recognition has nothing to say:
"the spokesman" is a person, "the ministry" an organisation, "analysts" and "a source close to the
Kremlin" are unnamed sources, whose words are kept but never shown as a name.
"""

# Singular roles: "the minister said" is one identifiable person, even when the text omits the name.
PERSON_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "governor", "mayor", "senator",
    "lawmaker", "leader", "commander", "general", "chief", "director", "ceo", "chairman", "chairwoman",
    "chair", "secretary", "ambassador", "envoy", "prosecutor", "lawyer", "attorney", "judge", "aide",
    "adviser", "advisor", "candidate", "nominee", "rival", "officer", "diplomat", "congressman",
    "congresswoman", "representative", "premier", "chancellor", "king", "queen", "prince", "pope",
    "founder", "owner", "executive", "manager", "author", "writer", "columnist", "reporter",
    "journalist", "host", "anchor", "moderator", "narrator", "historian", "professor", "doctor",
    "physicist", "economist", "analyst", "strategist", "pollster", "surrogate", "mother", "father",
    "wife", "husband", "son", "daughter", "friend", "man", "woman", "boy", "girl", "resident", "witness",
    "activist", "voter", "student", "teacher", "victim", "survivor", "sheriff", "trooper",
})
# Bodies that speak as one: "the ministry said", "the campaign argued".
ORGANISATION_NOUNS = frozenset({
    "government", "administration", "agency", "police", "army", "military", "court", "committee",
    "council", "campaign", "party", "authority", "authorities", "company", "firm", "bank", "group", "union",
    "alliance", "coalition", "board", "office", "department", "kremlin", "pentagon", "newspaper", "network",
    "institute", "university", "commission", "parliament", "congress", "senate", "house", "cabinet",
    "embassy", "regime", "panel", "organisation", "organization", "foundation", "association", "federation",
    "league", "caucus", "bureau", "service", "navy", "ministry", "corporation", "staff",
    "magazine", "outlet", "broadcaster", "publisher", "tribunal", "white house",
})
# People the text does not name, however described: "military experts", "officials said", "sources".
UNNAMED_NOUNS = frozenset({
    "official", "officials", "source", "sources", "expert", "experts", "analysts", "observers", "observer",
    "critics", "critic", "diplomats", "insiders", "insider", "people", "witnesses", "residents", "commentators",
    "researchers", "scientists", "economists", "investigators", "prosecutors", "lawyers", "aides", "advisers",
    "advisors", "officers", "leaders", "lawmakers", "legislators", "members", "voters", "supporters",
    "opponents", "activists", "protesters", "demonstrators", "citizens", "americans", "others", "many",
    "some", "most", "few", "several", "one", "someone", "somebody", "everyone", "nobody", "person", "persons",
    "individual", "individuals", "doctors", "physicians", "historians", "strategists", "pollsters",
    "commanders", "generals", "executives", "employees", "workers", "staffers", "member", "readers",
    "viewers", "respondents", "participants", "friends", "neighbors", "neighbours", "families", "parents",
    "students", "teachers", "surrogates", "allies", "rivals", "skeptics", "sceptics", "proponents",
    "advocates", "defenders", "detractors", "authors", "scholars", "academics", "specialists",
    "percent", "majority", "minority", "half", "third", "quarter", "respondents",
})
# What can "show" or "say" without being anyone: a report, a poll, a ruling. Unnamed unless the phrase
# names whose it is ("a New York Times report" is the Times').
INFORMATION_NOUNS = frozenset({
    "report", "reports", "study", "studies", "survey", "surveys", "poll", "polls", "statement", "statements",
    "analysis", "ruling", "letter", "document", "documents", "records", "data", "findings", "filing", "memo",
    "research", "review", "assessment", "estimate", "estimates", "testimony", "article", "editorial", "ad",
    "video", "footage", "average", "averages", "slide", "email", "emails", "story", "film", "documentary",
    "book", "spot", "tally", "results", "figures", "numbers", "chart", "map", "transcript", "cable", "cables",
})
# Nouns for people and bodies that can state a position (beyond named entities and pronouns).
SPEAKER_NOUNS = PERSON_NOUNS | ORGANISATION_NOUNS | UNNAMED_NOUNS | INFORMATION_NOUNS | frozenset({
    "democrats", "republicans",
})
