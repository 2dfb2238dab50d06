"""Demo articles built from templates, distinct and deterministic for any count.

Article number i (0, 1, 2…) always gets the same title and slug, whatever the
requested total, so a later run with a larger --articles only adds the
missing ones. A title is "subject + activity + topic + scope" of one desk (an
organisation's newsroom); within a desk the combinations are walked in a
scrambled but one-to-one order, so titles never repeat and consecutive
articles differ. Dates depend on the day the article is first created and on
the organisation's active period: a board merged in 2025 only has older news.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.text import truncate_slug, vietnamese_slugify
from demo import data as d

SLUG_MAX_LENGTH = 160
HISTORY_DAYS = 730
FRESH_ARTICLES = 15
FRESH_DAYS = 14
PHOTO_POOL_SIZE = 12
HALL_PHOTOS = (1, 2, 3, 4, 5, 6)  # indoor meetings
FIELD_PHOTOS = (7, 8, 9, 10, 11, 12)  # outdoor and youth activities


@dataclass(frozen=True)
class Topic:
    text: str
    category: str | None = None
    directives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Desk:
    key: str
    organization: str
    subjects: tuple[str, ...]
    activities: tuple[str, ...]
    topics: tuple[Topic, ...]
    scopes: tuple[str, ...]
    category: str
    source: str
    weight: int
    youth: bool = False
    questions: bool = False
    related: tuple[str, ...] = ()  # directives a body may cite besides the topic's own

    @property
    def combinations(self) -> int:
        return len(self.subjects) * len(self.activities) * len(self.topics) * len(self.scopes)


STANDING_ACTIVITIES = (
    "cho ý kiến về {t}",
    "nghe báo cáo kết quả {t}",
    "kiểm tra {t}",
    "chỉ đạo đẩy mạnh {t}",
    "tổ chức hội nghị sơ kết {t}",
    "tổng kết {t}",
    "làm việc với các sở, ngành về {t}",
    "bàn giải pháp nâng cao hiệu quả {t}",
    "đánh giá kết quả {t}",
    "giao ban chuyên đề về {t}",
)

BOARD_ACTIVITIES = (
    "tổ chức hội nghị sơ kết {t}",
    "tổng kết {t}",
    "kiểm tra {t}",
    "giám sát {t}",
    "tọa đàm về {t}",
    "tập huấn nghiệp vụ về {t}",
    "làm việc với cơ sở về {t}",
    "bàn giải pháp nâng cao hiệu quả {t}",
    "đẩy mạnh {t}",
    "khảo sát {t}",
    "hướng dẫn triển khai {t}",
    "đánh giá kết quả {t}",
)

INSPECTION_ACTIVITIES = (
    "kiểm tra {t}",
    "giám sát chuyên đề {t}",
    "tập huấn nghiệp vụ về {t}",
    "tổng kết {t}",
    "tổ chức hội nghị sơ kết {t}",
    "hướng dẫn {t}",
    "đánh giá kết quả {t}",
    "làm việc với cơ sở về {t}",
    "khảo sát {t}",
    "bàn giải pháp nâng cao hiệu quả {t}",
)

YOUTH_ACTIVITIES = (
    "phát động thi đua thực hiện {t}",
    "tổng kết {t}",
    "tổ chức hội nghị sơ kết {t}",
    "triển khai {t}",
    "tuyên dương điển hình tiêu biểu trong {t}",
    "đẩy mạnh {t}",
    "tập huấn cán bộ đoàn về {t}",
    "tọa đàm về {t}",
    "ra mắt mô hình điểm về {t}",
    "kiểm tra {t}",
    "đánh giá kết quả {t}",
)

QUESTION_ASPECTS = (
    "Những điểm mới của {t}",
    "Đối tượng và phạm vi áp dụng của {t}",
    "Trách nhiệm của chi bộ trong thực hiện {t}",
    "Trách nhiệm của đảng viên trong thực hiện {t}",
    "Những nội dung cốt lõi của {t}",
    "Ý nghĩa của {t}",
    "Cách tổ chức học tập, quán triệt {t}",
    "Kiểm tra, giám sát việc thực hiện {t}",
)

PARTY_SCOPES = (
    "",
    " trên địa bàn tỉnh",
    " ở cơ sở",
    " tại các xã ven biển",
    " tại các xã cù lao",
    " tại các đảng bộ trực thuộc",
    " tại các cơ quan, đơn vị",
    " tại doanh nghiệp ngoài khu vực nhà nước",
)

YOUTH_SCOPES = (
    "",
    " tại các xã ven biển",
    " ở khu dân cư",
    " tại trường học",
    " ở các khu công nghiệp",
    " ở địa bàn nông thôn",
    " tại các xã cù lao",
    " tại các xã bị ảnh hưởng hạn mặn",
)

OFFICE_SCOPES = (
    "",
    " tại các đảng bộ trực thuộc",
    " ở cơ sở",
    " tại các cơ quan, đơn vị",
    " ở các cơ quan tham mưu, giúp việc",
)

QUESTION_SCOPES = (
    "",
    " (dành cho đảng viên mới)",
    " (dành cho cán bộ cơ sở)",
    " (dành cho đoàn viên, thanh niên)",
)

PROPAGANDA_TOPICS = (
    Topic("công tác tuyên truyền miệng"),
    Topic("công tác báo cáo viên"),
    Topic("công tác bảo vệ nền tảng tư tưởng của Đảng", directives=("35-NQ/TW",)),
    Topic(
        "việc thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị", d.HO_CHI_MINH,
        ("05-CT/TW", "01-KL/TW"),
    ),
    Topic("công tác nắm bắt dư luận xã hội"),
    Topic("công tác giáo dục lý luận chính trị"),
    Topic("công tác thông tin đối ngoại"),
    Topic("công tác khoa giáo"),
    Topic("công tác tuyên truyền về biển, đảo"),
    Topic("công tác văn hóa, văn nghệ", d.CULTURE_SOCIETY),
)

MOBILISATION_TOPICS = (
    Topic("công tác dân vận chính quyền", directives=("25-NQ/TW",)),
    Topic("phong trào thi đua “Dân vận khéo”"),
    Topic(
        "việc thực hiện Kết luận số 43-KL/TW của Ban Bí thư", directives=("43-KL/TW", "25-NQ/TW")
    ),
    Topic("công tác tôn giáo"),
    Topic("việc thực hiện dân chủ ở cơ sở"),
    Topic("công tác dân vận của lực lượng vũ trang"),
    Topic("công tác vận động đồng bào có đạo"),
    Topic("việc phát huy vai trò giám sát, phản biện xã hội của Mặt trận và các đoàn thể"),
    Topic("công tác vận động Nhân dân tham gia xây dựng nông thôn mới", d.CURRENT_AFFAIRS),
    Topic("công tác chăm lo an sinh xã hội", d.CULTURE_SOCIETY),
)

DOC_TYPE_NAMES = {
    "chi_thi": "Chỉ thị", "nghi_quyet": "Nghị quyết", "ket_luan": "Kết luận",
    "quy_dinh": "Quy định", "nghi_dinh": "Nghị định", "ke_hoach": "Kế hoạch",
}


def _label(code: str) -> str:
    """'Quy định số 37-QĐ/TW về những điều đảng viên không được làm'."""
    directive = d.DIRECTIVES_BY_CODE[code]
    return f"{DOC_TYPE_NAMES[directive.doc_type]} số {code} {directive.subject}"


QUESTION_CODES = (
    "37-QĐ/TW", "08-QĐi/TW", "05-CT/TW", "01-KL/TW", "35-NQ/TW", "57-NQ/TW",
    "18-NQ/TW", "20-CT/TW", "42-CT/TW", "43-KL/TW", "42/2022/NĐ-CP",
)


DESKS = (
    Desk(
        "tinh-uy", d.PROVINCIAL_COMMITTEE,
        ("Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh"),
        STANDING_ACTIVITIES,
        (
            Topic("công tác xây dựng Đảng và hệ thống chính trị"),
            Topic("nhiệm vụ phát triển kinh tế - xã hội", d.CURRENT_AFFAIRS),
            Topic(
                "công tác sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
                directives=("18-NQ/TW",),
            ),
            Topic("công tác chuẩn bị đại hội đảng bộ các cấp"),
            Topic("chương trình xây dựng nông thôn mới", d.CURRENT_AFFAIRS),
            Topic("công tác chuyển đổi số trong các cơ quan đảng", directives=("57-NQ/TW",)),
            Topic(
                "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                d.HO_CHI_MINH, ("05-CT/TW", "01-KL/TW"),
            ),
            Topic(
                "công tác chăm sóc, giáo dục và bảo vệ trẻ em", d.CULTURE_SOCIETY, ("20-CT/TW",)
            ),
            Topic(
                "việc phát huy vai trò của đội ngũ doanh nhân", d.CURRENT_AFFAIRS, ("09-NQ/TW",)
            ),
            Topic("công tác dân vận của hệ thống chính trị", directives=("25-NQ/TW", "43-KL/TW")),
            Topic(
                "việc thực hiện trách nhiệm nêu gương của cán bộ, đảng viên",
                directives=("08-QĐi/TW",),
            ),
            Topic("công tác phòng, chống hạn mặn", d.CURRENT_AFFAIRS),
            Topic("chương trình phát triển chuỗi giá trị ngành dừa", d.CURRENT_AFFAIRS),
            Topic("chương trình “Đồng Khởi khởi nghiệp”", d.CURRENT_AFFAIRS, ("09-NQ/TW",)),
        ),
        PARTY_SCOPES[:5], d.NEWS, "Cổng TTĐT Tỉnh ủy", 4,
        related=("18-NQ/TW", "05-CT/TW"),
    ),
    Desk(
        "ban-to-chuc", d.ORGANISATION_BOARD, ("Ban Tổ chức Tỉnh ủy",), BOARD_ACTIVITIES,
        (
            Topic("công tác phát triển đảng viên"),
            Topic("công tác quy hoạch cán bộ"),
            Topic("công tác đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên"),
            Topic("công tác bảo vệ chính trị nội bộ"),
            Topic("công tác xây dựng tổ chức cơ sở đảng"),
            Topic("công tác đào tạo, bồi dưỡng cán bộ"),
            Topic("công tác quản lý đảng viên"),
            Topic("công tác sắp xếp tổ chức bộ máy", directives=("18-NQ/TW",)),
            Topic(
                "việc thực hiện Quy định số 37-QĐ/TW về những điều đảng viên không được làm",
                directives=("37-QĐ/TW",),
            ),
            Topic("công tác thu hút, trọng dụng người có tài năng"),
            Topic("công tác phát triển đảng viên trong doanh nghiệp", directives=("09-NQ/TW",)),
        ),
        PARTY_SCOPES, d.PARTY_BUILDING, "Ban Tổ chức Tỉnh ủy", 2,
        related=("18-NQ/TW",),
    ),
    Desk(
        "ban-tuyen-giao", d.PROPAGANDA_BOARD, ("Ban Tuyên giáo Tỉnh ủy",), BOARD_ACTIVITIES,
        PROPAGANDA_TOPICS, PARTY_SCOPES, d.PARTY_BUILDING, "Ban Tuyên giáo Tỉnh ủy", 2,
        related=("35-NQ/TW", "05-CT/TW"),
    ),
    Desk(
        "ban-dan-van", d.MASS_MOBILISATION_BOARD, ("Ban Dân vận Tỉnh ủy",), BOARD_ACTIVITIES,
        MOBILISATION_TOPICS, PARTY_SCOPES, d.PARTY_BUILDING, "Ban Dân vận Tỉnh ủy", 2,
        related=("25-NQ/TW", "43-KL/TW"),
    ),
    Desk(
        "ban-tuyen-giao-dan-van", d.MERGED_BOARD, ("Ban Tuyên giáo và Dân vận Tỉnh ủy",),
        BOARD_ACTIVITIES,
        (
            *PROPAGANDA_TOPICS,
            *MOBILISATION_TOPICS,
            Topic(
                "việc thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị", directives=("57-NQ/TW",)
            ),
        ),
        PARTY_SCOPES, d.PARTY_BUILDING, "Ban Tuyên giáo và Dân vận Tỉnh ủy", 3,
        related=("35-NQ/TW", "25-NQ/TW", "05-CT/TW"),
    ),
    Desk(
        "ban-noi-chinh", d.INTERNAL_AFFAIRS_BOARD, ("Ban Nội chính Tỉnh ủy",), BOARD_ACTIVITIES,
        (
            Topic("công tác phòng, chống tham nhũng, tiêu cực", d.ANTI_CORRUPTION),
            Topic("công tác phòng, chống lãng phí", d.ANTI_CORRUPTION),
            Topic("công tác cải cách tư pháp"),
            Topic("công tác tiếp công dân, giải quyết khiếu nại, tố cáo"),
            Topic("công tác thi hành án dân sự"),
            Topic(
                "việc thực hiện trách nhiệm nêu gương của cán bộ, đảng viên", d.ANTI_CORRUPTION,
                ("08-QĐi/TW",),
            ),
            Topic("công tác phòng, chống tội phạm"),
            Topic("việc kiểm soát quyền lực trong công tác cán bộ", d.ANTI_CORRUPTION),
            Topic("công tác thanh tra, kiểm toán", d.ANTI_CORRUPTION),
        ),
        PARTY_SCOPES, d.PARTY_BUILDING, "Ban Nội chính Tỉnh ủy", 2,
        related=("08-QĐi/TW",),
    ),
    Desk(
        "ubkt", d.INSPECTION_COMMISSION, ("Ủy ban Kiểm tra Tỉnh ủy",), INSPECTION_ACTIVITIES,
        (
            Topic("công tác kiểm tra, giám sát và thi hành kỷ luật đảng"),
            Topic("việc kê khai tài sản, thu nhập của cán bộ", d.ANTI_CORRUPTION),
            Topic("công tác thu, chi, quản lý tài chính đảng"),
            Topic(
                "việc thực hiện Quy định số 37-QĐ/TW về những điều đảng viên không được làm",
                directives=("37-QĐ/TW",),
            ),
            Topic("việc giải quyết đơn thư tố cáo đối với đảng viên"),
            Topic(
                "việc thực hiện trách nhiệm nêu gương của cán bộ, đảng viên",
                directives=("08-QĐi/TW",),
            ),
            Topic("việc lãnh đạo thực hiện nhiệm vụ chính trị của tổ chức đảng cấp dưới"),
            Topic("việc thu, nộp đảng phí"),
            Topic("việc chấp hành nguyên tắc tập trung dân chủ"),
            Topic("việc thực hiện quy chế làm việc của cấp ủy"),
            Topic("việc quản lý, rèn luyện đạo đức, lối sống của đảng viên"),
        ),
        PARTY_SCOPES, d.PARTY_BUILDING, "Ủy ban Kiểm tra Tỉnh ủy", 2,
        related=("37-QĐ/TW",),
    ),
    Desk(
        "van-phong", d.PARTY_OFFICE, ("Văn phòng Tỉnh ủy",), BOARD_ACTIVITIES,
        (
            Topic("công tác văn thư, lưu trữ"),
            Topic("công tác chuyển đổi số", directives=("57-NQ/TW",)),
            Topic("công tác tham mưu, tổng hợp"),
            Topic(
                "việc vận hành Cổng thông tin điện tử Tỉnh ủy", directives=("42/2022/NĐ-CP",)
            ),
            Topic("công tác bảo vệ bí mật nhà nước"),
            Topic("công tác quản trị, tài chính đảng"),
            Topic("việc ứng dụng văn phòng điện tử"),
        ),
        OFFICE_SCOPES, d.NEWS, "Văn phòng Tỉnh ủy", 1,
        related=("42/2022/NĐ-CP",),
    ),
    Desk(
        "tinh-doan", d.PROVINCIAL_YOUTH_UNION, ("Tỉnh Đoàn Bến Tre", "Ban Thường vụ Tỉnh Đoàn"),
        YOUTH_ACTIVITIES,
        (
            Topic("chiến dịch Thanh niên tình nguyện hè"),
            Topic("phong trào “Tuổi trẻ sáng tạo”"),
            Topic(
                "công tác giáo dục lý tưởng cách mạng cho thanh niên", directives=("42-CT/TW",)
            ),
            Topic("công tác chăm sóc, bảo vệ thiếu nhi", d.CULTURE_SOCIETY, ("20-CT/TW",)),
            Topic(
                "việc học tập và làm theo lời Bác của đoàn viên, thanh niên", d.HO_CHI_MINH,
                ("05-CT/TW",),
            ),
            Topic("chương trình “Tháng Thanh niên”", directives=("12-KH/TĐTN-PT",)),
            Topic("công tác hỗ trợ thanh niên khởi nghiệp", directives=("09-NQ/TW",)),
            Topic("phong trào “Xung kích phát triển kinh tế - xã hội và bảo vệ Tổ quốc”"),
            Topic("công tác phát triển đoàn viên"),
            Topic("phong trào chuyển đổi số trong thanh niên", directives=("57-NQ/TW",)),
            Topic("hoạt động tình nguyện vì an sinh xã hội", d.CULTURE_SOCIETY),
            Topic("chiến dịch hỗ trợ Nhân dân phòng, chống hạn mặn"),
        ),
        YOUTH_SCOPES, d.YOUTH, "Tỉnh Đoàn Bến Tre", 4, youth=True,
        related=("42-CT/TW",),
    ),
    Desk(
        "huyen-doan-cho-lach", d.DISTRICT_YOUTH_UNION_1, ("Huyện Đoàn Chợ Lách",),
        YOUTH_ACTIVITIES,
        (
            Topic("chiến dịch Thanh niên tình nguyện hè"),
            Topic("công tác phát triển đoàn viên"),
            Topic("phong trào thanh niên tham gia phát triển làng nghề hoa kiểng"),
            Topic("công tác chăm sóc, bảo vệ thiếu nhi", d.CULTURE_SOCIETY, ("20-CT/TW",)),
            Topic(
                "việc học tập và làm theo lời Bác của đoàn viên, thanh niên", d.HO_CHI_MINH,
                ("05-CT/TW",),
            ),
            Topic("công tác hỗ trợ thanh niên lập nghiệp"),
            Topic("phong trào “Tuổi trẻ sáng tạo”"),
        ),
        YOUTH_SCOPES, d.YOUTH, "Huyện Đoàn Chợ Lách", 1, youth=True,
        related=("42-CT/TW",),
    ),
    Desk(
        "huyen-doan-ba-tri", d.DISTRICT_YOUTH_UNION_2, ("Huyện Đoàn Ba Tri",), YOUTH_ACTIVITIES,
        (
            Topic("chiến dịch Thanh niên tình nguyện hè"),
            Topic("công tác phát triển đoàn viên"),
            Topic("công tác giáo dục lý tưởng cách mạng cho thanh niên", directives=("42-CT/TW",)),
            Topic("phong trào thanh niên giữ gìn vệ sinh môi trường biển"),
            Topic("công tác chăm sóc, bảo vệ thiếu nhi", d.CULTURE_SOCIETY, ("20-CT/TW",)),
            Topic("chiến dịch hỗ trợ Nhân dân phòng, chống hạn mặn"),
            Topic("phong trào “Xung kích phát triển kinh tế - xã hội và bảo vệ Tổ quốc”"),
        ),
        YOUTH_SCOPES, d.YOUTH, "Huyện Đoàn Ba Tri", 1, youth=True,
        related=("42-CT/TW",),
    ),
    Desk(
        "hoi-dap", d.MERGED_BOARD, ("Hỏi - đáp:",), QUESTION_ASPECTS,
        tuple(Topic(_label(code), directives=(code,)) for code in QUESTION_CODES),
        QUESTION_SCOPES, d.QUESTIONS, "Ban Tuyên giáo và Dân vận Tỉnh ủy", 1, questions=True,
    ),
)


def _smooth_schedule(desks) -> tuple[int, ...]:
    """Desk indices in a round of sum(weights) slots, heavy desks spread evenly."""
    weights = [desk.weight for desk in desks]
    current = [0] * len(desks)
    total = sum(weights)
    schedule = []
    for _ in range(total):
        for index, weight in enumerate(weights):
            current[index] += weight
        chosen = max(range(len(desks)), key=lambda index: (current[index], -index))
        current[chosen] -= total
        schedule.append(chosen)
    return tuple(schedule)


SCHEDULE = _smooth_schedule(DESKS)
_SLOTS_PER_DESK = [SCHEDULE.count(index) for index in range(len(DESKS))]
_RANK_IN_ROUND = [
    SCHEDULE[:position].count(SCHEDULE[position]) for position in range(len(SCHEDULE))
]


def _stride(size: int) -> int:
    """A step coprime with size, near the golden ratio of it, to scramble 0..size-1."""
    step = max(1, int(size * 0.618)) | 1
    while math.gcd(step, size) != 1:
        step += 2
    return step


@dataclass(frozen=True)
class Headline:
    index: int
    desk: Desk
    subject: str
    activity: str
    topic: Topic
    scope: str
    title: str


def headline(index: int) -> Headline:
    position = index % len(SCHEDULE)
    desk_index = SCHEDULE[position]
    desk = DESKS[desk_index]
    serial = (index // len(SCHEDULE)) * _SLOTS_PER_DESK[desk_index] + _RANK_IN_ROUND[position]
    size = desk.combinations
    series, serial = divmod(serial, size)
    value = (serial * _stride(size) + desk_index) % size
    value, topic_index = divmod(value, len(desk.topics))
    value, activity_index = divmod(value, len(desk.activities))
    subject_index, scope_index = divmod(value, len(desk.scopes))
    subject = desk.subjects[subject_index]
    activity = desk.activities[activity_index]
    topic = desk.topics[topic_index]
    scope = desk.scopes[scope_index]
    title = f"{subject} {activity.format(t=topic.text)}{scope}"
    if series:
        title += f" (kỳ {series + 1})"
    return Headline(index, desk, subject, activity, topic, scope, title)


def slugs_for(count: int) -> list[tuple[Headline, str]]:
    """The first `count` headlines with their slugs; article i's slug never changes."""
    taken: set[str] = set()
    result = []
    for index in range(count):
        item = headline(index)
        slug = vietnamese_slugify(item.title, max_length=SLUG_MAX_LENGTH) or "bai-viet"
        if slug in taken:
            suffix = f"-{index + 1}"
            slug = truncate_slug(slug, SLUG_MAX_LENGTH - len(suffix)) + suffix
        taken.add(slug)
        result.append((item, slug))
    return result


# ---------------------------------------------------------------------------
# Dates, people and bodies.


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    organization: str
    started_on: date | None
    ended_on: date | None


OFFICIALS = [
    Official(person.full_name, position.title, position.organization, position.started_on,
             position.ended_on)
    for person in d.PEOPLE
    for position in person.positions
]
ORGANIZATIONS = {organization.slug: organization for organization in d.ORGANIZATIONS}


def officials_of(organization: str, on: date) -> list[Official]:
    return [
        official for official in OFFICIALS
        if official.organization == organization
        and (official.started_on is None or official.started_on <= on)
        and (official.ended_on is None or official.ended_on >= on)
    ]


def publication_time(item: Headline, rng: random.Random, now: datetime) -> datetime:
    """A time in the last two years while the desk's organisation existed, never in the future."""
    zone = now.tzinfo
    latest = now - timedelta(minutes=20)
    organization = ORGANIZATIONS[item.desk.organization]
    first_day = (latest - timedelta(days=HISTORY_DAYS)).date()
    last_day = latest.date()
    if organization.active_until:
        last_day = min(last_day, organization.active_until)
    if organization.active_from:
        first_day = max(first_day, organization.active_from)
    for code in item.topic.directives:
        first_day = max(first_day, d.DIRECTIVES_BY_CODE[code].issued_on + timedelta(days=7))
    if first_day > last_day:
        first_day = last_day - timedelta(days=90)
    span = (last_day - first_day).days
    if item.index < FRESH_ARTICLES and last_day == latest.date():
        # The first articles are recent, so even a small demo looks current.
        span = min(span, FRESH_DAYS)
    day = last_day - timedelta(days=rng.randint(0, span))
    moment = datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59)), tzinfo=zone)
    if moment > latest:
        moment = latest - timedelta(minutes=rng.randint(0, 600))
    return moment


PURPOSES = (
    "nhằm đánh giá kết quả đạt được, chỉ ra hạn chế và đề ra giải pháp cho thời gian tới",
    "nhằm thống nhất nhận thức và hành động trong toàn Đảng bộ",
    "nhằm kịp thời tháo gỡ khó khăn, vướng mắc ở cơ sở",
    "nhằm tạo chuyển biến rõ nét về chất lượng, hiệu quả công tác",
    "góp phần thực hiện thắng lợi nghị quyết đại hội Đảng bộ tỉnh",
)
YOUTH_PURPOSES = (
    "nhằm phát huy vai trò xung kích, tình nguyện của tuổi trẻ",
    "góp phần giáo dục lý tưởng cách mạng cho đoàn viên, thanh niên",
    "tạo sân chơi bổ ích, lành mạnh cho đoàn viên, thanh niên và thiếu nhi",
    "góp phần xây dựng quê hương Đồng Khởi ngày càng giàu đẹp",
)

CONTEXT_PARAGRAPHS = (
    "Thời gian qua, {topic} được các cấp ủy, tổ chức đảng quan tâm lãnh đạo, chỉ đạo với "
    "nhiều cách làm sáng tạo, phù hợp với thực tiễn. Nhận thức của {people} về vị trí, vai "
    "trò của nhiệm vụ này ngày càng được nâng lên.",
    "Theo báo cáo, từ đầu năm {year} đến nay, các đơn vị đã tổ chức {n1} hội nghị, lớp "
    "tập huấn với hơn {n2} lượt {people} tham gia; xây dựng và nhân rộng {n3} mô hình, "
    "điển hình tiêu biểu.",
    "Bên cạnh kết quả đạt được, {topic} vẫn còn một số hạn chế như: việc cụ thể hóa chủ "
    "trương ở một số nơi còn chậm; sự phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt "
    "chẽ; nguồn lực bảo đảm cho hoạt động còn khó khăn.",
    "Nhiều địa phương đã chủ động đưa nội dung {topic} vào chương trình công tác hằng năm, "
    "gắn với việc đánh giá, xếp loại tổ chức và cá nhân cuối năm.",
)
YOUTH_CONTEXT_PARAGRAPHS = (
    "Thời gian qua, {topic} thu hút đông đảo {people} tham gia, với {n1} công trình, phần "
    "việc thanh niên được thực hiện, tổng giá trị hơn {n2} triệu đồng.",
    "Các cơ sở Đoàn đã linh hoạt đổi mới nội dung, hình thức, tăng cường ứng dụng mạng xã "
    "hội trong tuyên truyền; {n3} mô hình hay, cách làm sáng tạo được ghi nhận và nhân rộng.",
    "Bên cạnh kết quả đạt được, hoạt động ở một số cơ sở Đoàn còn mang tính thời vụ; việc "
    "tập hợp thanh niên đi làm ăn xa, thanh niên công nhân còn gặp nhiều khó khăn.",
    "Từ đầu năm {year}, các cơ sở Đoàn đã kết nạp hơn {n2} đoàn viên mới, tổ chức {n1} "
    "buổi sinh hoạt chuyên đề về truyền thống quê hương Đồng Khởi.",
)
DIRECTIVE_PARAGRAPHS = (
    "Thực hiện {reference} “{title}”, {organization} đã ban hành kế hoạch triển khai, xác "
    "định rõ nội dung, lộ trình và trách nhiệm của từng cơ quan, đơn vị.",
    "Các đại biểu đánh giá việc quán triệt, triển khai {reference} đã tạo chuyển biến rõ nét "
    "về nhận thức và hành động của {people}.",
    "Hội nghị đã dành thời gian quán triệt những nội dung cốt lõi của {reference} “{title}”, "
    "gắn với nhiệm vụ chính trị của địa phương, đơn vị.",
)
DISCUSSION_PARAGRAPHS = (
    "Tại {event}, các đại biểu đã tập trung thảo luận, làm rõ những kết quả đạt được, chỉ "
    "ra nguyên nhân của hạn chế và đề xuất nhiều giải pháp thiết thực trong thời gian tới.",
    "Nhiều ý kiến đề nghị tăng cường ứng dụng công nghệ thông tin, chuyển đổi số; quan tâm "
    "bồi dưỡng, nâng cao năng lực cho đội ngũ cán bộ làm công tác chuyên môn ở cơ sở.",
    "Các ý kiến cũng kiến nghị cấp trên quan tâm bố trí kinh phí, cơ sở vật chất và cơ chế "
    "phối hợp để công việc được triển khai đồng bộ, hiệu quả hơn.",
)
CONCLUSION_PARAGRAPHS = (
    "Phát biểu kết luận, đồng chí {leader} ghi nhận, biểu dương những kết quả đạt được và "
    "đề nghị thời gian tới tiếp tục bám sát cơ sở, kịp thời nắm bắt tâm tư, nguyện vọng của "
    "Nhân dân; nâng cao hơn nữa hiệu quả {topic}.",
    "Kết luận {event}, đồng chí {leader} yêu cầu các cơ quan, đơn vị khẩn trương tiếp thu "
    "ý kiến của đại biểu, hoàn thiện kế hoạch và phân công rõ người, rõ việc, rõ thời gian "
    "hoàn thành.",
    "Dịp này, {n4} tập thể và {n5} cá nhân có thành tích xuất sắc trong {topic} đã được "
    "khen thưởng.",
)

HALL_CAPTIONS = (
    "Quang cảnh hội nghị",
    "Đồng chí {leader} phát biểu tại buổi làm việc",
    "Các đại biểu thảo luận tại hội nghị",
    "Đại biểu dự hội nghị",
    "Khen thưởng các tập thể, cá nhân có thành tích xuất sắc",
)
FIELD_CAPTIONS = (
    "Đoàn viên, thanh niên ra quân tình nguyện",
    "Đồng chí {leader} trao quà cho thiếu nhi có hoàn cảnh khó khăn",
    "Đội hình thanh niên tình nguyện tham gia làm đường giao thông nông thôn",
    "Tuổi trẻ tham gia trồng cây xanh",
    "Quang cảnh buổi lễ",
)


@dataclass
class ArticleContent:
    summary: str
    body: str
    published_at: datetime
    directives: tuple[str, ...]
    cover: int
    images: list[tuple[int, str]]
    source: str
    author_name: str
    is_featured: bool
    view_count: int


def _paragraph(text: str) -> str:
    return f"<p>{text}</p>"


def _thousands(number: int) -> str:
    """9200 -> '9.200', the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def reference(code: str) -> str:
    """'Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị', as Directive.reference says it."""
    directive = d.DIRECTIVES_BY_CODE[code]
    issuer = ORGANIZATIONS[directive.issuer].name
    return (
        f"{DOC_TYPE_NAMES[directive.doc_type]} số {code} ngày "
        f"{directive.issued_on:%d/%m/%Y} của {issuer}"
    )


def content(item: Headline, now: datetime) -> ArticleContent:
    """Everything but the title for article `item`; the same index gives the same text."""
    rng = random.Random(f"cong-demo-{item.index}")
    desk = item.desk
    published_at = publication_time(item, rng, now)
    event_day = published_at.date() - timedelta(days=rng.choice((0, 0, 1)))
    officials = officials_of(desk.organization, event_day)
    official = rng.choice(officials) if officials else None
    leader = f"{official.name}, {official.title}" if official else ""
    leader_name = official.name if official else "lãnh đạo đơn vị"
    people = "đoàn viên, thanh niên" if desk.youth else "cán bộ, đảng viên"
    organization = ORGANIZATIONS[desk.organization].name
    codes = [
        code for code in item.topic.directives
        if d.DIRECTIVES_BY_CODE[code].issued_on < event_day
    ]
    for code in desk.related:
        issued_before = d.DIRECTIVES_BY_CODE[code].issued_on < event_day
        if code not in codes and issued_before and rng.random() < 0.3:
            codes.append(code)

    if desk.questions:
        summary, paragraphs = _question(item, rng, codes)
    else:
        summary, paragraphs = _report(
            item, rng, event_day, published_at, codes, leader, leader_name, people, organization
        )

    photos = FIELD_PHOTOS if desk.youth else HALL_PHOTOS
    others = HALL_PHOTOS if desk.youth else FIELD_PHOTOS
    cover = rng.choice(photos)
    captions = FIELD_CAPTIONS if desk.youth else HALL_CAPTIONS
    if desk.questions:
        captions = ("Ảnh minh họa",)
    figure_count = 1 if desk.questions else rng.randint(1, 3)
    figure_photos = rng.sample(photos, figure_count)
    if figure_count == 3 and rng.random() < 0.3:
        figure_photos[-1] = rng.choice(others)
    images = [
        (photo, caption.format(leader=leader_name))
        for photo, caption in zip(figure_photos, rng.sample(captions, figure_count), strict=True)
    ]
    source = desk.source if rng.random() < 0.75 else "Cổng TTĐT Tỉnh ủy"
    return ArticleContent(
        summary=summary,
        body="".join(_paragraph(text) for text in paragraphs),
        published_at=published_at,
        directives=tuple(codes),
        cover=cover,
        images=images,
        source=source,
        author_name=rng.choice(d.AUTHOR_NAMES),
        is_featured=rng.random() < 0.1,
        view_count=min(50_000, int(rng.paretovariate(1.3) * 80)),
    )


def _report(item, rng, event_day, published_at, codes, leader, leader_name, people, organization):
    desk = item.desk
    topic = item.topic.text
    action = item.activity.format(t=topic) + item.scope
    part_of_day = "Sáng" if published_at.hour < 12 else "Chiều"
    when = (
        f"{part_of_day} {event_day.day}/{event_day.month}" if event_day == published_at.date()
        else f"Ngày {event_day.day}/{event_day.month}"
    )
    event = "buổi làm việc" if "làm việc" in item.activity else "hội nghị"
    purposes = YOUTH_PURPOSES if desk.youth else PURPOSES
    summary = (
        f"{item.subject} vừa {action}, {rng.choice(purposes)}."
    )
    numbers = {
        "n1": rng.randint(12, 180), "n2": _thousands(rng.randint(3, 95) * 100),
        "n3": rng.randint(5, 60), "n4": rng.randint(5, 30), "n5": rng.randint(8, 60),
    }
    fill = {
        "topic": topic, "people": people, "year": event_day.year, "event": event,
        "leader": leader_name, "organization": organization, **numbers,
    }
    opening = f"{when}, {item.subject} {action}."
    if leader:
        opening += f" Đồng chí {leader} chủ trì."
    paragraphs = [opening]
    contexts = YOUTH_CONTEXT_PARAGRAPHS if desk.youth else CONTEXT_PARAGRAPHS
    paragraphs += [text.format(**fill) for text in rng.sample(contexts, rng.randint(1, 2))]
    templates = rng.sample(DIRECTIVE_PARAGRAPHS, len(DIRECTIVE_PARAGRAPHS))
    for position, code in enumerate(codes):
        directive = d.DIRECTIVES_BY_CODE[code]
        template = templates[position % len(templates)]
        paragraphs.append(
            template.format(reference=reference(code), title=directive.title, **fill)
        )
    discussion = rng.sample(DISCUSSION_PARAGRAPHS, rng.randint(1, 2))
    paragraphs += [text.format(**fill) for text in discussion]
    paragraphs.append(rng.choice(CONCLUSION_PARAGRAPHS).format(**fill))
    return summary, paragraphs


def _question(item, rng, codes):
    code = item.topic.directives[0]
    directive = d.DIRECTIVES_BY_CODE[code]
    question = item.activity.format(t=item.topic.text)
    summary = (
        f"Ban Tuyên giáo và Dân vận Tỉnh ủy giới thiệu nội dung hỏi - đáp: "
        f"{_lower_first(question)}."
    )
    paragraphs = [
        f"<strong>Hỏi:</strong> Xin cho biết {_lower_first(question)}?",
        f"<strong>Trả lời:</strong> {reference(code)} “{directive.title}” là văn bản quan "
        "trọng mà mỗi cấp ủy, tổ chức đảng và cán bộ, đảng viên cần nắm vững, quán triệt "
        "và tổ chức thực hiện nghiêm túc.",
        "Văn bản xác định rõ trách nhiệm của cấp ủy, người đứng đầu và của từng cán bộ, "
        "đảng viên; việc thực hiện được gắn với kiểm tra, giám sát và đánh giá, xếp loại "
        "chất lượng hằng năm.",
        "Chi bộ cần đưa nội dung văn bản vào sinh hoạt định kỳ, sinh hoạt chuyên đề; mỗi "
        "đảng viên xây dựng kế hoạch cá nhân, gắn với nhiệm vụ được giao.",
    ]
    for other in codes[1:]:
        paragraphs.append(f"Xem thêm: {reference(other)}.")
    paragraphs.append(
        "Toàn văn văn bản được đăng tại mục Văn bản chỉ đạo trên Cổng thông tin điện tử "
        "Tỉnh ủy; bạn đọc cần giải đáp thêm có thể gửi câu hỏi qua trang Liên hệ."
    )
    return summary, paragraphs


def photo_name(number: int) -> str:
    return f"library/images/demo/photo-{number:02d}.jpg"
