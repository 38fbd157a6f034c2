"""The one table that maps rule codes to rules.

Codes are ``FRM`` + three digits; the hundreds digit is the family (1xx personalized threats,
2xx escalation, 3xx hostile-policy framing, 4xx posture and signalling, 5xx alliance and
reassurance, 6xx tension-reduction language). Codes are never reused. Every rule carries a
four-part doc (what it flags, why — quoting the article in ``seeds/`` —, an example, what to use
instead); ``tests/test_rules_meta.py`` enforces that.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How strongly a finding asks for a change; ``info`` marks good framing worth keeping."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Category(StrEnum):
    """The score dimension a finding feeds."""

    THREAT = "threat"
    ESCALATION = "escalation"
    HOSTILE_POLICY = "hostile_policy"
    MILITARY_TENSION = "military_tension"
    REASSURANCE = "reassurance"
    POSTURE = "posture"


@dataclass(frozen=True)
class Rule:
    """A rule: identity, what it feeds, and the doc a user reads with ``framing explain``."""

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    what: str
    why: str
    quote: str
    example: str
    instead: str

    @property
    def raises_tension(self) -> bool:
        """Rules about good framing (info) lower tension; the rest raise it."""
        return self.severity is not Severity.INFO


_Q_PERSONAL = (
    "To mitigate these fears, U.S. representatives should emphasize defensive postures, avoid "
    "personalized threats directed at North Korea’s leadership, and interpret military exercises "
    "or deployments in ways that do not suggest impending coercion."
)
_Q_DISCIPLINE = (
    "To prevent inadvertently validating the regime’s fears of a regime-change agenda, U.S. "
    "officials need to craft their rhetoric with more discipline and precision."
)
_Q_EXISTENTIAL = (
    "North Korea tends to perceive U.S. military conduct and official statements through the lens "
    "of existential threat."
)
_Q_DEROGATORY = (
    "Since the breakdown of the Hanoi summit in 2019, formal engagement between the U.S. and North "
    "Korea has stagnated, resulting in both parties resorting to derogatory exchanges and symbolic "
    "gestures instead of substantive discussions."
)
_Q_HOSTILE_POLICY = (
    "North Korea has historically framed its grievances within the context of “hostile policy” "
    "rather than against individual military deployments."
)
_Q_KOREAN_TERMS = (
    "Utilizing Korean conceptual frameworks such as “alleviate military tensions” and managing "
    "“hostile relations” demonstrates an understanding of Pyongyang’s perspective while "
    "expressing a willingness to utilize terms that prioritize decreasing military hostility "
    "without condoning North Korea’s conduct."
)
_Q_REASSURANCE = (
    "However, since these high-visibility deployments often stem from South Korean expectations "
    "for increased deterrence, any recalibrations must also include credible investments in "
    "reassurance."
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="FRM101",
        name="personalized-threat",
        category=Category.THREAT,
        severity=Severity.ERROR,
        message="threat aimed at a leader as a person ({target})",
        what="A threat of force, destruction or punishment whose target is a named leader or "
        "official, a title, a nickname or 'his regime', rather than a state or its forces.",
        why="Threats against the leader personally read in Pyongyang as proof of a regime-change "
        "agenda and make any later outreach look insincere.",
        quote=_Q_PERSONAL,
        example="Rocket Man is on a suicide mission for himself and for his regime.",
        instead="Address the state's conduct and restate a defensive commitment: 'North Korea's "
        "missile tests threaten the region; we will defend ourselves and our allies.'",
    ),
    Rule(
        code="FRM102",
        name="leader-epithet",
        category=Category.THREAT,
        severity=Severity.ERROR,
        message="derogatory epithet standing for a leader ('{text}')",
        what="A nickname or epithet used in place of a leader's name or title ('Rocket Man', "
        "'dotard', 'madman').",
        why="An epithet turns a policy dispute into a personal feud and invites a personal reply; "
        "the article asks for rhetoric crafted with discipline and precision.",
        quote=_Q_DISCIPLINE,
        example="I told Rex Tillerson that he is wasting his time trying to negotiate with "
        "Little Rocket Man.",
        instead="Use the leader's title and name: 'Chairman Kim', 'President Trump'.",
    ),
    Rule(
        code="FRM103",
        name="leader-insult",
        category=Category.THREAT,
        severity=Severity.ERROR,
        message="insult aimed at a leader as a person ({target})",
        what="A demeaning description of a leader or official as a person: their mind, body, "
        "sanity or worth, including insults framed as what one would 'never' say.",
        why="Derogatory exchanges replaced substantive talks after Hanoi; personal insults are "
        "the clearest form of that.",
        quote=_Q_DEROGATORY,
        example="Kim Jong Un of North Korea, who is obviously a madman, will be tested like never "
        "before!",
        instead="Describe conduct, not character: 'North Korea's leadership has chosen to test "
        "missiles in violation of UN resolutions.'",
    ),
    Rule(
        code="FRM104",
        name="leader-named-regime",
        category=Category.THREAT,
        severity=Severity.WARNING,
        message="government named after its leader ('{text}')",
        what="A government, its forces or its circle named after the leader as a person: 'the "
        "Kim regime', 'Saddam's war machine', 'the regime of Bashar Al-Assad', 'his regime'.",
        why="Naming the state after one man makes any pressure on it pressure on him, and reads as "
        "the regime-change agenda Pyongyang fears; the article asks for rhetoric crafted with "
        "discipline and precision.",
        quote=_Q_DISCIPLINE,
        example="It is time for all nations to work together to isolate the Kim regime until it "
        "ceases its hostile behaviour.",
        instead="Name the state or its government: 'the North Korean government', 'the "
        "government in Pyongyang', 'North Korea'.",
    ),
    Rule(
        code="FRM105",
        name="leader-accused",
        category=Category.THREAT,
        severity=Severity.WARNING,
        message="accusation pinned on a leader as a person ({target}): '{text}'",
        what="A charge of lying, cruelty, crime or aggression whose doer is a named leader or "
        "official: 'Saddam Hussein has lied', 'Milosevic unleashed his terror', 'Mao and his "
        "criminal gang'.",
        why="Charging the man rather than his government's conduct turns a dispute over policy "
        "into a personal feud, the derogatory exchange that replaced talks after Hanoi.",
        quote=_Q_DEROGATORY,
        example="Saddam Hussein has lied about the full scope of Iraq's weapons programmes.",
        instead="Attribute the conduct to the state and cite the record: 'Iraq has not declared "
        "the full scope of its weapons programmes, as the inspectors found.'",
    ),
    Rule(
        code="FRM201",
        name="annihilation-threat",
        category=Category.ESCALATION,
        severity=Severity.ERROR,
        message="threat of annihilation or overwhelming force ('{text}')",
        what="Language of destruction aimed at a state, its people or its forces: 'totally "
        "destroy', 'fire and fury', 'wipe off the map', 'sea of fire'.",
        why="North Korea hears official statements as existential threats; annihilation language "
        "confirms that reading and raises the risk of pre-emption.",
        quote=_Q_EXISTENTIAL,
        example="If it is forced to defend itself or its allies, we will have no choice but to "
        "totally destroy North Korea.",
        instead="State deterrence as a defensive commitment: 'We will defend ourselves and our "
        "allies against any attack.'",
    ),
    Rule(
        code="FRM202",
        name="ultimatum",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="ultimatum or warning of punishment ('{text}')",
        what="Ultimatums and warnings of punishment: 'best not', 'will be met with', 'pay "
        "dearly', 'last warning', 'days are numbered', 'time is running out'.",
        why="Ultimatums leave no room for a face-saving step back and make misjudgment likelier "
        "when channels are thin.",
        quote="The lack of regular dialogue, military transparency, or even rudimentary "
        "communication pathways increases the likelihood of misunderstandings escalating into "
        "conflict.",
        example="North Korea best not make any more threats to the United States.",
        instead="Name the conduct and the open door: 'Further tests would undermine the chance of "
        "talks; we remain ready to meet without preconditions.'",
    ),
    Rule(
        code="FRM203",
        name="force-display",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="display of force as a message ('{text}')",
        what="Talking up readiness to use force as a signal: 'locked and loaded', 'all options "
        "are on the table', 'my nuclear button is bigger', 'military solutions are in place'.",
        why="The article asks to keep deterrence credible while advocating for it with clearer "
        "strategic intent, not with displays.",
        quote="This does not imply weakening deterrent forces, but rather advocating for them "
        "with clearer strategic intent.",
        example="Military solutions are now fully in place, locked and loaded, should North Korea "
        "act unwisely.",
        instead="'Our forces remain ready to defend the Republic of Korea and Japan.'",
    ),
    Rule(
        code="FRM204",
        name="apocalyptic-superlative",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="apocalyptic superlative ('{text}')",
        what="Superlatives that inflate a threat beyond measure: 'like the world has never seen', "
        "'like never before', 'unthinkable'.",
        why="Superlatives make a threat sound existential and unbounded; the article asks for "
        "discipline and precision.",
        quote=_Q_DISCIPLINE,
        example="They will be met with fire and fury like the world has never seen.",
        instead="Say what is meant, in measured terms: 'We will respond to any attack.'",
    ),
    Rule(
        code="FRM205",
        name="dehumanizing-language",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="dehumanizing or contemptuous language ('{text}')",
        what="Words that deny the other side's humanity or standing: 'human scum', 'puppets', "
        "'warmongers', 'gangsters'.",
        why="Contempt feeds the derogatory exchanges that replaced substantive talks.",
        quote=_Q_DEROGATORY,
        example="We regard the manoeuvres committed by the human scum in the south as a serious "
        "provocation.",
        instead="Name the act and its authors plainly: 'the leaflet launches by activist groups'.",
    ),
    Rule(
        code="FRM206",
        name="retaliation-threat",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="threat of retaliation ('{text}')",
        what="Announced retaliation or unspecified punitive 'action': 'retaliatory actions', "
        "'merciless punishment', 'pre-emptive strike', 'the consequences will rest with'.",
        why="Open-ended retaliation threats invite tit-for-tat escalation when channels are "
        "degraded.",
        quote="Enhancements to emergency contact protocols and reaffirming communication "
        "procedures during military exercises would also play an important role in preventing "
        "unintentional escalation.",
        example="It is better to take a series of retaliatory actions, instead of releasing this "
        "kind of statement.",
        instead="Propose the channel instead of the reprisal: 'We call for talks through the "
        "military hotline to prevent further incidents.'",
    ),
    Rule(
        code="FRM207",
        name="maximalist-demand",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="maximalist, all-or-nothing demand ('{text}')",
        what="All-or-nothing preconditions: 'complete, verifiable and irreversible', 'nothing "
        "until', 'grand bargain' as the only path.",
        why="The article argues for incremental steps; maximalist demands in a vacuum end in "
        "diplomatic failure.",
        quote="Maximalist demands made in a vacuum can only lead to diplomatic failures.",
        example="There will be no relief until North Korea completely, verifiably and "
        "irreversibly dismantles its programs.",
        instead="'We are ready to take practical, reciprocal steps that reduce risk on the way to "
        "denuclearization.'",
    ),
    Rule(
        code="FRM208",
        name="hostile-accusation",
        category=Category.ESCALATION,
        severity=Severity.WARNING,
        message="accusation of aggression or provocation ('{text}')",
        what="Accusations that cast the other side as an aggressor: 'nuclear blackmail', "
        "'imperialist aggressors', 'aggressive war exercises', 'reckless provocation', 'hostile "
        "forces', 'sinister plot'.",
        why="Trading accusations keeps both sides in the derogatory exchanges that replaced "
        "substantive discussion; it frames every step of the other side as an attack.",
        quote=_Q_DEROGATORY,
        example="The U.S. nuclear blackmail and aggressive war exercises are the root cause of "
        "the tension on the peninsula.",
        instead="Name the act and the concern: 'The large-scale exercises near our border raise "
        "tensions; we call for talks on military confidence-building.'",
    ),
    Rule(
        code="FRM301",
        name="regime-change",
        category=Category.HOSTILE_POLICY,
        severity=Severity.ERROR,
        message="regime-change or regime-ending wording ('{text}')",
        what="Talk of regime change, collapse, decapitation, the end of the regime, or the "
        "'Libya model'.",
        why="Pyongyang reads such language as proof of a regime-change agenda — the fear the "
        "article asks officials not to validate.",
        quote=_Q_DISCIPLINE,
        example="Any use of nuclear weapons would result in the end of that regime.",
        instead="'We do not seek regime change; our aim is a stable peace on the Peninsula.'",
    ),
    Rule(
        code="FRM302",
        name="maximum-pressure",
        category=Category.HOSTILE_POLICY,
        severity=Severity.WARNING,
        message="isolation or pressure as coercion ('{text}')",
        what="Isolation, 'maximum pressure', strangling or choking the economy, sanctions framed "
        "as a weapon to force capitulation.",
        why="Pressure language is what Pyongyang cites as its 'hostile policy' grievance.",
        quote=_Q_HOSTILE_POLICY,
        example="Our campaign of maximum pressure will continue until North Korea denuclearizes.",
        instead="'Sanctions remain while we pursue practical steps to reduce tensions.'",
    ),
    Rule(
        code="FRM303",
        name="delegitimizing-label",
        category=Category.HOSTILE_POLICY,
        severity=Severity.WARNING,
        message="label that delegitimizes the state ('{text}')",
        what="Labels that deny the other state's legitimacy: 'rogue regime', 'criminal regime', "
        "'band of criminals', 'depraved regime', 'outlaw regime'.",
        why="The article asks for terms that lower psychological barriers without granting "
        "legitimacy — not labels that raise them.",
        quote="By employing terminology that aligns with North Korea’s strategic lexicon, albeit "
        "without granting legitimacy, Washington can help lower the psychological barriers to "
        "reengagement and signal sincerity while maintaining principled stances.",
        example="No nation on Earth has an interest in seeing this band of criminals arm itself "
        "with nuclear weapons.",
        instead="Use the state's name or 'the DPRK government'.",
    ),
    Rule(
        code="FRM304",
        name="hostile-policy-narrative",
        category=Category.HOSTILE_POLICY,
        severity=Severity.INFO,
        message="'hostile policy' narrative ('{text}')",
        what="The 'hostile policy' / 'hostile acts' / 'anti-DPRK' accusation itself.",
        why="Pyongyang frames its grievances as 'hostile policy'; a draft that uses the phrase "
        "engages that narrative, for better or worse.",
        quote=_Q_HOSTILE_POLICY,
        example="It had better make a bold decision to drop its hostile policy towards the DPRK.",
        instead="Speak of 'managing hostile relations' and concrete tension-reduction steps.",
    ),
    Rule(
        code="FRM401",
        name="coercive-display-framing",
        category=Category.POSTURE,
        severity=Severity.WARNING,
        message="exercise or deployment framed as coercion ('{text}')",
        what="Exercises and deployments presented as a show of force or a message to Pyongyang: "
        "'show of force', 'send a message', 'armada', 'strategic assets' sent to pressure, "
        "'decapitation drills'.",
        why="The article asks to present exercises and deployments so that they do not suggest "
        "impending coercion.",
        quote=_Q_PERSONAL,
        example="We are sending an armada, very powerful.",
        instead="'The long-planned, defensive exercise maintains readiness with our ally.'",
    ),
    Rule(
        code="FRM402",
        name="defensive-framing",
        category=Category.POSTURE,
        severity=Severity.INFO,
        message="defensive framing of posture ('{text}')",
        what="Exercises, deployments or deterrence described as defensive, routine or "
        "long-planned.",
        why="The article asks officials to emphasize defensive postures.",
        quote=_Q_PERSONAL,
        example="The exercises are defensive in nature and have been conducted for decades.",
        instead="Keep it, and say what the posture defends against: 'The annual, defensive "
        "exercise maintains readiness to defend the Republic of Korea.'",
    ),
    Rule(
        code="FRM403",
        name="posture-adjustment",
        category=Category.POSTURE,
        severity=Severity.INFO,
        message="announced adjustment of military posture ('{text}')",
        what="Scaling back, pausing or suspending exercises, deployments or overflights.",
        why="Measured posture adjustments can reduce threat perceptions, but they touch the "
        "alliance and need reassurance for Seoul (see FRM501).",
        quote="Moreover, the U.S. could couple its restrained rhetoric with measured adjustments "
        "to military posture, ensuring that deterrence is bolstered without intensifying North "
        "Korean threat perceptions.",
        example="We will suspend the large-scale exercise planned for August.",
        instead="Pair it with reassurance: 'in close coordination with the Republic of Korea, "
        "whose defense remains our ironclad commitment'.",
    ),
    Rule(
        code="FRM501",
        name="unreassured-posture-change",
        category=Category.REASSURANCE,
        severity=Severity.WARNING,
        message="posture change announced with no reassurance to Seoul anywhere in the text",
        what="A draft that announces steps touching the alliance's posture (scaling back "
        "exercises or deployments, pausing overflights) and says nothing to reassure Seoul.",
        why="Such steps often answer South Korean expectations of deterrence; the article asks "
        "that recalibrations come with credible reassurance and close coordination with Seoul.",
        quote=_Q_REASSURANCE,
        example="We will scale back joint exercises on the Peninsula.",
        instead="Add the reassurance: 'In close coordination with Seoul, and with our commitment "
        "to the defense of the Republic of Korea ironclad, we will scale back ...'",
    ),
    Rule(
        code="FRM502",
        name="alliance-reassurance",
        category=Category.REASSURANCE,
        severity=Severity.INFO,
        message="reassurance to the ally ('{text}')",
        what="Commitments to Seoul: 'ironclad', 'extended deterrence', 'mutual defense', 'close "
        "coordination with the Republic of Korea'.",
        why="Steps toward Pyongyang should be taken in close cooperation with Seoul so that trust "
        "and cohesion are not undermined.",
        quote="Steps aimed at reengaging Pyongyang—particularly those involving changes in "
        "rhetoric, military posture, or diplomatic strategies—should be executed in close "
        "cooperation with Seoul, ensuring trust and cohesion are not undermined.",
        example="Our commitment to the defense of the Republic of Korea remains ironclad.",
        instead="Keep it, next to any step toward Pyongyang: 'In close coordination with Seoul, "
        "and with our commitment to its defense ironclad, we will ...'",
    ),
    Rule(
        code="FRM601",
        name="tension-reduction-term",
        category=Category.MILITARY_TENSION,
        severity=Severity.INFO,
        message="tension-reduction language ('{text}')",
        what="Korean tension-reduction vocabulary: alleviating or easing military tension, "
        "managing hostile relations, hotlines, deconfliction, liaison offices, confidence "
        "building, the Comprehensive Military Agreement, a peace regime.",
        why="The article recommends these Korean conceptual frameworks to lower the barriers to "
        "re-engagement.",
        quote=_Q_KOREAN_TERMS,
        example="Easing military tension and building confidence on the Korean Peninsula is "
        "integral to securing lasting and stable peace.",
        instead="Keep it; pair it with a concrete step: 'restore the military hotline to "
        "alleviate military tensions'.",
    ),
    Rule(
        code="FRM602",
        name="non-hostility-assurance",
        category=Category.MILITARY_TENSION,
        severity=Severity.INFO,
        message="assurance of non-hostility ('{text}')",
        what="A hostile-policy term negated or reversed: 'we do not seek regime change', 'cease "
        "all hostile acts'.",
        why="Denying a regime-change agenda addresses the fear the article names, in its own "
        "terms.",
        quote=_Q_DISCIPLINE,
        example="We do not seek a regime change or the collapse of the regime.",
        instead="Keep it, and let conduct match it: 'We do not seek regime change; we seek a "
        "stable relationship and practical steps to reduce risk.'",
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def rule(code: str) -> Rule:
    """The rule with this code (``KeyError`` when there is none)."""
    return RULES_BY_CODE[code]


def matches_selector(code: str, selectors: tuple[str, ...]) -> bool:
    """True when a code is named by one of the selectors (codes or prefixes such as ``FRM1``)."""
    return any(code.startswith(selector) for selector in selectors)
