"""Vocabulary of attribution: verbs and nouns that introduce what someone says, thinks or claims."""

# The core set is also a scoring feature (frozen: trained models depend on it).
CORE_REPORTING_LEMMAS = frozenset({
    "say", "state", "claim", "tell", "report", "announce", "confirm", "deny", "add", "note", "warn",
    "insist", "argue", "allege", "suggest", "accuse", "estimate", "write", "explain", "declare", "assert",
    "maintain", "acknowledge", "admit", "indicate", "reveal", "predict", "stress", "emphasise", "emphasize",
    "contend", "testify", "tweet", "post", "conclude", "believe", "think", "expect", "recall", "complain",
    "caution", "concede", "disclose", "agree", "promise", "vow", "pledge", "urge", "speculate", "fear",
    "mention", "observe", "remark", "reply", "respond", "answer", "signal", "show", "find", "charge",
    "boast", "concur", "hint", "imply", "reiterate", "repeat", "point", "assure", "suspect", "proclaim",
    "counter", "forecast", "project", "calculate",
})
# Verbs of holding a belief: they report a view only with the clause it holds ("people involved assumed that
# Y", "he reckons Y"), never with an object or an infinitive ("she guessed the answer", "feel free to call").
BELIEF_LEMMAS = frozenset({
    "assume", "presume", "suppose", "reckon", "guess", "figure", "imagine", "feel",
    "sense", "surmise", "infer", "gather", "theorize", "theorise", "posit", "bet", "wager", "anticipate",
    "foresee", "envision", "envisage", "judge", "determine", "trust",
    "swear", "guarantee", "attest", "certify", "clarify", "confess", "concede", "protest", "object", "grumble",
    "muse", "float", "recount", "specify",
})
REPORTING_LEMMAS = CORE_REPORTING_LEMMAS | frozenset({
    "ask", "demand", "question", "wonder", "acknowledge",
    "describe", "call", "criticize", "criticise", "praise", "blame", "dismiss", "reject", "denounce",
    "condemn", "propose", "recommend", "advise", "threaten", "know", "learn", "hope", "worry", "doubt",
    "predict", "joke", "quip", "tout", "lament", "brag", "plead", "retort", "shout", "yell", "cite",
    "declare", "assert", "affirm", "announce", "contend", "estimate",
})
# Verbs of saying, and acts on the record (sign, vote, order): with a named subject the sentence reports
# something checkable (screening keeps it, and a named source's statement is queued).
STATEMENT_LEMMAS = frozenset({
    "say", "state", "claim", "tell", "announce", "confirm", "deny", "accuse", "report", "declare",
    "assert", "allege", "express", "insist", "warn", "write", "tweet", "add", "note", "reveal",
    "disclose", "admit", "acknowledge", "testify", "pledge", "promise", "vow", "call", "urge", "order",
    "sign", "vote", "approve", "reject", "condemn", "criticise", "criticize", "threaten", "demand",
})
# Verbs that report speech even with the content elsewhere: '"We will win," he said.'
SPEECH_LEMMAS = frozenset({
    "say", "tell", "add", "ask", "write", "tweet", "explain", "note", "reply", "respond", "insist", "argue",
    "warn", "claim", "state", "announce", "declare", "continue", "conclude", "answer", "recall", "joke",
    "quip", "retort", "post", "counter", "shout", "yell", "testify", "acknowledge", "admit", "concede",
    "complain", "stress", "emphasize", "emphasise", "remark", "observe", "predict", "report", "confirm",
    "maintain", "contend", "allege", "assert", "suggest", "caution", "reason", "wonder", "believe", "read",
})
# Speech verbs only when set off as a frame ('She continued: "..."', '"...," the article read');
# "support continues to grow" and "he read the report" are not.
FRAME_ONLY_LEMMAS = frozenset({"continue", "read"})
# Nouns that carry an attribution from their possessor: "Trump's claim that ...".
NOUN_CUES = frozenset({
    "claim", "assertion", "argument", "allegation", "accusation", "warning", "statement", "promise", "pledge",
    "view", "belief", "plan", "proposal", "suggestion", "insistence", "contention", "prediction", "estimate",
    "charge", "remark", "comment", "bet", "position", "assessment", "announcement", "testimony", "report",
    "analysis", "message", "speech", "tweet", "call", "demand", "criticism", "concern", "hope", "fear",
    "vow", "denial", "admission", "insinuation", "conclusion", "finding", "stance", "complaint", "threat",
})
# Verbs of taking a position whose object is the attributed content: "Trump has called for X",
# "the senator condemned the deal". The subject is a claimant even without a reported clause.
POSITION_LEMMAS = frozenset({
    "call", "echo", "attack", "condemn", "denounce", "criticize", "criticise", "praise", "blame", "dismiss",
    "reject", "urge", "demand", "want", "propose", "push", "vow", "pledge", "promise", "forecast", "predict",
    "estimate", "rate", "dispute", "deny", "oppose", "endorse", "defend", "slam", "accuse", "warn", "fear",
    "hope", "question", "challenge", "acknowledge", "admit", "recommend", "advocate", "insist", "chant",
    "cite", "describe", "label", "characterize", "characterise", "highlight", "tout", "suggest", "argue",
    "claim", "blast", "rebuke", "mock", "applaud", "welcome", "decry", "lament", "complain", "announce",
    "report", "confirm", "reveal", "disclose", "predict", "project", "identify", "conclude", "find",
    "express", "voice", "raise", "suggest", "mention", "discuss", "debate", "ask", "say", "tell", "write",
    "tweet", "post", "speak", "talk", "testify", "brag", "boast", "threaten", "insult", "refer", "compare",
    # Epistemic and evaluative verbs: what a poll shows, what a court rules, what a leader signals.
    "agree", "disagree", "show", "indicate", "see", "signal", "articulate", "rule", "point", "unveil",
    "downplay", "discover", "learn", "know", "believe", "think", "consider", "judge", "view", "regard",
    "recognize", "recognise", "note", "observe", "determine", "decide", "assess", "offer", "pitch",
    "explain", "stress", "emphasize", "emphasise", "dismiss", "concede", "doubt", "worry", "acknowledge",
    "accept", "support", "back", "favor", "favour", "embrace", "champion", "criticize", "fault", "credit",
    # Ways of putting a view across: "Clinton painted Trump as ...", "he likened the deal to ...".
    "liken", "detail", "link", "invoke", "paint", "portray", "depict", "present", "outline", "chronicle",
    "apologize", "apologise", "approve", "rip", "grill", "rail", "lambast", "lambaste", "ridicule", "taunt",
    "plead", "yell", "shout", "publish", "document", "reference", "address", "comment", "weigh", "feel",
    "understand", "resent", "brand", "dub", "term", "hail", "laud", "commend", "chastise", "scold",
    "remind", "expect", "reiterate", "repeat", "proclaim",
    # Stated intentions: "the campaign plans to employ Mr. Obama", "he refuses to release his returns".
    "plan", "intend", "seek", "refuse",
    # A position on the record: "the panel voted to hold him in contempt".
    "vote",
})
# Adjectives of a held view with a clause: "protesters were frustrated that Y", "we are convinced Y".
STANCE_ADJECTIVES = frozenset({
    "sure", "certain", "convinced", "confident", "frustrated", "worried", "concerned", "afraid", "aware",
    "adamant", "optimistic", "pessimistic", "skeptical", "sceptical", "hopeful", "fearful", "angry", "upset",
    "insistent", "doubtful", "persuaded", "satisfied", "disappointed", "outraged", "alarmed",
})
# Verbs that also describe what a fact or an event means: "the deployment signals a shift", "this raises
# questions". Their subject is a claimant only when it is someone (a person, a body, a report).
EVIDENTIAL_LEMMAS = frozenset({
    "signal", "show", "raise", "suggest", "indicate", "underscore", "underline", "highlight", "mark", "reflect",
    "add", "demonstrate", "illustrate", "reveal", "confirm", "prove", "mean", "imply", "point", "hint",
    "spell", "present", "pose", "represent", "send", "bring", "offer", "expose", "emphasize", "emphasise",
    "stress", "deepen", "complicate",
})
