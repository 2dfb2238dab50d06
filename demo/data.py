"""Fixed demo records: the organisation tree, officials, categories and directives.

The directives are real documents with their real numbers, dates, issuers and
titles (trích yếu); their summaries stay general on purpose. The one local
plan of the provincial Youth Union is an illustration and says so. People,
telephone numbers and e-mail addresses are made up; e-mail addresses use a
reserved example domain.
"""

from dataclasses import dataclass, field
from datetime import date

from accounts.password_policy import DEMO_PASSWORD

EMAIL_DOMAIN = "bentre.example.org"

# Organisation slugs used elsewhere in the demo.
CENTRAL_COMMITTEE = "ban-chap-hanh-trung-uong-dang"
POLITBURO = "bo-chinh-tri"
SECRETARIAT = "ban-bi-thu"
GOVERNMENT = "chinh-phu"
PROVINCIAL_COMMITTEE = "tinh-uy-ben-tre"
ORGANISATION_BOARD = "ban-to-chuc-tinh-uy"
PROPAGANDA_BOARD = "ban-tuyen-giao-tinh-uy"
MASS_MOBILISATION_BOARD = "ban-dan-van-tinh-uy"
MERGED_BOARD = "ban-tuyen-giao-va-dan-van-tinh-uy"
INTERNAL_AFFAIRS_BOARD = "ban-noi-chinh-tinh-uy"
INSPECTION_COMMISSION = "uy-ban-kiem-tra-tinh-uy"
PARTY_OFFICE = "van-phong-tinh-uy"
CENTRAL_YOUTH_UNION = "trung-uong-doan"
PROVINCIAL_YOUTH_UNION = "tinh-doan-ben-tre"
DISTRICT_YOUTH_UNION_1 = "huyen-doan-cho-lach"
DISTRICT_YOUTH_UNION_2 = "huyen-doan-ba-tri"

MERGER_DAY = date(2025, 3, 1)
LAST_DAY_BEFORE_MERGER = date(2025, 2, 28)
LAST_DAY_OF_DISTRICTS = date(2025, 6, 30)


@dataclass(frozen=True)
class OrganizationData:
    slug: str
    parent: str | None
    name: str
    name_en: str
    short_name: str
    kind: str
    level: str
    order: int
    introduction: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    active_from: date | None = None
    active_until: date | None = None


PROVINCE_ADDRESS = "Thành phố Bến Tre, tỉnh Bến Tre"

# Parents come before their children.
ORGANIZATIONS = [
    OrganizationData(
        slug=CENTRAL_COMMITTEE, parent=None,
        name="Ban Chấp hành Trung ương Đảng",
        name_en="Central Committee of the Communist Party of Viet Nam",
        short_name="BCH Trung ương", kind="party_committee", level="central", order=10,
        introduction=(
            "<p>Ban Chấp hành Trung ương Đảng là cơ quan lãnh đạo của Đảng giữa hai kỳ "
            "Đại hội đại biểu toàn quốc, do Đại hội bầu ra.</p>"
            "<p>Ban Chấp hành Trung ương bầu Bộ Chính trị, Ban Bí thư và Ủy ban Kiểm tra "
            "Trung ương; các nghị quyết, quy định của Trung ương được các cấp ủy, tổ chức "
            "đảng quán triệt và tổ chức thực hiện.</p>"
        ),
    ),
    OrganizationData(
        slug=POLITBURO, parent=CENTRAL_COMMITTEE,
        name="Bộ Chính trị", name_en="Politburo", short_name="BCT",
        kind="party_committee", level="central", order=10,
        introduction=(
            "<p>Bộ Chính trị do Ban Chấp hành Trung ương Đảng bầu ra, lãnh đạo và kiểm tra "
            "việc thực hiện nghị quyết Đại hội đại biểu toàn quốc, nghị quyết của Ban Chấp "
            "hành Trung ương giữa hai kỳ hội nghị Trung ương.</p>"
        ),
    ),
    OrganizationData(
        slug=SECRETARIAT, parent=CENTRAL_COMMITTEE,
        name="Ban Bí thư", name_en="Secretariat of the Party Central Committee",
        short_name="BBT", kind="party_committee", level="central", order=20,
        introduction=(
            "<p>Ban Bí thư lãnh đạo công việc hằng ngày của Đảng, chỉ đạo công tác xây dựng "
            "Đảng và công tác quần chúng, kiểm tra, giám sát việc thực hiện nghị quyết, "
            "chỉ thị, quyết định của Đảng.</p>"
        ),
    ),
    OrganizationData(
        slug=PROVINCIAL_COMMITTEE, parent=CENTRAL_COMMITTEE,
        name="Tỉnh ủy Bến Tre", name_en="Ben Tre Provincial Party Committee",
        short_name="Tỉnh ủy", kind="party_committee", level="province", order=30,
        address=PROVINCE_ADDRESS, phone="0275 3599 001",
        email=f"tinhuy@{EMAIL_DOMAIN}",
        introduction=(
            "<p>Tỉnh ủy Bến Tre (Ban Chấp hành Đảng bộ tỉnh) là cơ quan lãnh đạo của Đảng "
            "bộ tỉnh giữa hai kỳ đại hội; lãnh đạo thực hiện nghị quyết đại hội Đảng bộ "
            "tỉnh, các nghị quyết, chỉ thị của Trung ương.</p>"
            "<p>Giúp việc Tỉnh ủy có các ban xây dựng Đảng, Ủy ban Kiểm tra Tỉnh ủy và Văn "
            "phòng Tỉnh ủy. Cổng thông tin điện tử Tỉnh ủy đăng tải tin tức, văn bản chỉ "
            "đạo và thông tin về tổ chức, bộ máy của Đảng bộ tỉnh.</p>"
        ),
    ),
    OrganizationData(
        slug=ORGANISATION_BOARD, parent=PROVINCIAL_COMMITTEE,
        name="Ban Tổ chức Tỉnh ủy",
        name_en="Organisation Board of the Provincial Party Committee",
        short_name="BTC Tỉnh ủy", kind="party_board", level="province", order=10,
        address=PROVINCE_ADDRESS, phone="0275 3599 010",
        email=f"bantochuc@{EMAIL_DOMAIN}",
        introduction=(
            "<p>Ban Tổ chức Tỉnh ủy là cơ quan tham mưu, giúp việc Tỉnh ủy, trực tiếp và "
            "thường xuyên là Ban Thường vụ, Thường trực Tỉnh ủy về tổ chức bộ máy, cán bộ, "
            "đảng viên và bảo vệ chính trị nội bộ.</p>"
        ),
    ),
    OrganizationData(
        slug=MERGED_BOARD, parent=PROVINCIAL_COMMITTEE,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        name_en=(
            "Propaganda, Education and Mass Mobilisation Board of the Provincial Party Committee"
        ),
        short_name="BTGDV Tỉnh ủy", kind="party_board", level="province", order=20,
        address=PROVINCE_ADDRESS, phone="0275 3599 020",
        email=f"bantuyengiaodanvan@{EMAIL_DOMAIN}",
        active_from=MERGER_DAY,
        introduction=(
            "<p>Ban Tuyên giáo và Dân vận Tỉnh ủy được thành lập trên cơ sở hợp nhất Ban "
            "Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy, hoạt động từ ngày 01/3/2025, theo "
            "chủ trương sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động "
            "hiệu lực, hiệu quả.</p>"
            "<p>Ban tham mưu cho Tỉnh ủy về công tác tuyên truyền, giáo dục chính trị, tư "
            "tưởng, khoa giáo, báo chí, xuất bản và công tác dân vận, tôn giáo, dân tộc.</p>"
        ),
    ),
    OrganizationData(
        slug=INTERNAL_AFFAIRS_BOARD, parent=PROVINCIAL_COMMITTEE,
        name="Ban Nội chính Tỉnh ủy",
        name_en="Internal Affairs Board of the Provincial Party Committee",
        short_name="BNC Tỉnh ủy", kind="party_board", level="province", order=40,
        address=PROVINCE_ADDRESS, phone="0275 3599 040",
        email=f"bannoichinh@{EMAIL_DOMAIN}",
        introduction=(
            "<p>Ban Nội chính Tỉnh ủy tham mưu cho Tỉnh ủy về công tác nội chính, phòng, "
            "chống tham nhũng, lãng phí, tiêu cực và cải cách tư pháp.</p>"
        ),
    ),
    OrganizationData(
        slug=INSPECTION_COMMISSION, parent=PROVINCIAL_COMMITTEE,
        name="Ủy ban Kiểm tra Tỉnh ủy",
        name_en="Inspection Commission of the Provincial Party Committee",
        short_name="UBKT Tỉnh ủy", kind="party_board", level="province", order=50,
        address=PROVINCE_ADDRESS, phone="0275 3599 050",
        email=f"ubkt@{EMAIL_DOMAIN}",
        introduction=(
            "<p>Ủy ban Kiểm tra Tỉnh ủy do Ban Chấp hành Đảng bộ tỉnh bầu ra, thực hiện "
            "nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật trong Đảng theo Điều lệ "
            "Đảng.</p>"
        ),
    ),
    OrganizationData(
        slug=PARTY_OFFICE, parent=PROVINCIAL_COMMITTEE,
        name="Văn phòng Tỉnh ủy", name_en="Office of the Provincial Party Committee",
        short_name="VP Tỉnh ủy", kind="party_board", level="province", order=60,
        address=PROVINCE_ADDRESS, phone="0275 3599 060",
        email=f"vanphong@{EMAIL_DOMAIN}",
        introduction=(
            "<p>Văn phòng Tỉnh ủy tham mưu tổng hợp, giúp Tỉnh ủy tổ chức, điều hành công "
            "việc; quản lý tài chính, tài sản của Đảng bộ; bảo đảm công tác văn thư, lưu "
            "trữ và quản trị Cổng thông tin điện tử Tỉnh ủy.</p>"
        ),
    ),
    OrganizationData(
        slug=PROPAGANDA_BOARD, parent=PROVINCIAL_COMMITTEE,
        name="Ban Tuyên giáo Tỉnh ủy",
        name_en="Propaganda and Education Board of the Provincial Party Committee",
        short_name="BTG Tỉnh ủy", kind="party_board", level="province", order=90,
        address=PROVINCE_ADDRESS, phone="0275 3599 021",
        active_until=LAST_DAY_BEFORE_MERGER,
        introduction=(
            "<p>Ban Tuyên giáo Tỉnh ủy tham mưu cho Tỉnh ủy về công tác chính trị, tư "
            "tưởng, lý luận, tuyên truyền, báo chí, xuất bản, văn hóa, văn nghệ và khoa "
            "giáo. Từ ngày 01/3/2025, Ban hợp nhất với Ban Dân vận Tỉnh ủy thành Ban Tuyên "
            "giáo và Dân vận Tỉnh ủy.</p>"
        ),
    ),
    OrganizationData(
        slug=MASS_MOBILISATION_BOARD, parent=PROVINCIAL_COMMITTEE,
        name="Ban Dân vận Tỉnh ủy",
        name_en="Mass Mobilisation Board of the Provincial Party Committee",
        short_name="BDV Tỉnh ủy", kind="party_board", level="province", order=91,
        address=PROVINCE_ADDRESS, phone="0275 3599 022",
        active_until=LAST_DAY_BEFORE_MERGER,
        introduction=(
            "<p>Ban Dân vận Tỉnh ủy tham mưu cho Tỉnh ủy về công tác dân vận, dân tộc, tôn "
            "giáo và phong trào thi đua “Dân vận khéo”. Từ ngày 01/3/2025, Ban hợp nhất "
            "với Ban Tuyên giáo Tỉnh ủy thành Ban Tuyên giáo và Dân vận Tỉnh ủy.</p>"
        ),
    ),
    OrganizationData(
        slug=GOVERNMENT, parent=None,
        name="Chính phủ", name_en="Government of Viet Nam", short_name="Chính phủ",
        kind="state_agency", level="central", order=20,
        introduction=(
            "<p>Chính phủ là cơ quan hành chính nhà nước cao nhất của nước Cộng hòa xã hội "
            "chủ nghĩa Việt Nam, thực hiện quyền hành pháp, là cơ quan chấp hành của Quốc "
            "hội.</p>"
        ),
    ),
    OrganizationData(
        slug=CENTRAL_YOUTH_UNION, parent=None,
        name="Trung ương Đoàn TNCS Hồ Chí Minh",
        name_en="Central Committee of the Ho Chi Minh Communist Youth Union",
        short_name="Trung ương Đoàn", kind="youth_union", level="central", order=30,
        introduction=(
            "<p>Đoàn Thanh niên Cộng sản Hồ Chí Minh là tổ chức chính trị - xã hội của "
            "thanh niên Việt Nam do Đảng Cộng sản Việt Nam và Chủ tịch Hồ Chí Minh sáng lập, "
            "lãnh đạo và rèn luyện.</p>"
        ),
    ),
    OrganizationData(
        slug=PROVINCIAL_YOUTH_UNION, parent=CENTRAL_YOUTH_UNION,
        name="Tỉnh Đoàn Bến Tre", name_en="Ben Tre Provincial Youth Union",
        short_name="Tỉnh Đoàn", kind="youth_union", level="province", order=10,
        address=PROVINCE_ADDRESS, phone="0275 3599 100",
        email=f"tinhdoan@{EMAIL_DOMAIN}",
        introduction=(
            "<p>Tỉnh Đoàn Bến Tre (Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh) lãnh đạo các "
            "cơ sở Đoàn trong tỉnh thực hiện nhiệm vụ giáo dục lý tưởng cách mạng, đạo "
            "đức, lối sống cho thế hệ trẻ, tổ chức các phong trào hành động cách mạng của "
            "tuổi trẻ và phụ trách Đội Thiếu niên Tiền phong Hồ Chí Minh.</p>"
        ),
    ),
    OrganizationData(
        slug=DISTRICT_YOUTH_UNION_1, parent=PROVINCIAL_YOUTH_UNION,
        name="Huyện Đoàn Chợ Lách", name_en="Cho Lach District Youth Union",
        short_name="Huyện Đoàn Chợ Lách", kind="youth_union", level="district", order=10,
        address="Huyện Chợ Lách, tỉnh Bến Tre", phone="0275 3599 110",
        active_until=LAST_DAY_OF_DISTRICTS,
    ),
    OrganizationData(
        slug=DISTRICT_YOUTH_UNION_2, parent=PROVINCIAL_YOUTH_UNION,
        name="Huyện Đoàn Ba Tri", name_en="Ba Tri District Youth Union",
        short_name="Huyện Đoàn Ba Tri", kind="youth_union", level="district", order=20,
        address="Huyện Ba Tri, tỉnh Bến Tre", phone="0275 3599 120",
        active_until=LAST_DAY_OF_DISTRICTS,
    ),
]

SUCCESSION_NOTE = (
    "Hợp nhất theo chủ trương sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, "
    "hoạt động hiệu lực, hiệu quả (Nghị quyết số 18-NQ/TW ngày 25/10/2017)."
)

# (predecessor, successor, kind, effective on, note)
SUCCESSIONS = [
    (PROPAGANDA_BOARD, MERGED_BOARD, "merged_into", MERGER_DAY, SUCCESSION_NOTE),
    (MASS_MOBILISATION_BOARD, MERGED_BOARD, "merged_into", MERGER_DAY, SUCCESSION_NOTE),
]


@dataclass(frozen=True)
class PositionData:
    organization: str
    title: str
    title_en: str
    order: int = 100
    started_on: date | None = None
    ended_on: date | None = None


@dataclass(frozen=True)
class PersonData:
    full_name: str
    phone: str
    email: str
    positions: tuple[PositionData, ...] = field(default_factory=tuple)


PEOPLE = [
    PersonData(
        "Trần Quốc Hưng", "0275 3599 002", f"tqhung@{EMAIL_DOMAIN}",
        (PositionData(
            PROVINCIAL_COMMITTEE, "Phó Bí thư Thường trực Tỉnh ủy",
            "Standing Deputy Secretary of the Provincial Party Committee", 10,
            date(2020, 10, 16),
        ),),
    ),
    PersonData(
        "Hoàng Văn Lợi", "0275 3599 011", f"hvloi@{EMAIL_DOMAIN}",
        (PositionData(
            ORGANISATION_BOARD, "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy",
            "Member of the Standing Board, Head of the Organisation Board", 10,
            date(2020, 10, 20),
        ),),
    ),
    PersonData(
        "Lê Thị Thu Hà", "0275 3599 023", f"ltthuha@{EMAIL_DOMAIN}",
        (
            PositionData(
                MASS_MOBILISATION_BOARD, "Trưởng Ban Dân vận Tỉnh ủy",
                "Head of the Mass Mobilisation Board", 10,
                date(2020, 11, 2), LAST_DAY_BEFORE_MERGER,
            ),
            PositionData(
                MERGED_BOARD, "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "Head of the Propaganda, Education and Mass Mobilisation Board", 10,
                MERGER_DAY,
            ),
        ),
    ),
    PersonData(
        "Nguyễn Hữu Sơn", "0275 3599 024", f"nhson@{EMAIL_DOMAIN}",
        (PositionData(
            PROPAGANDA_BOARD, "Trưởng Ban Tuyên giáo Tỉnh ủy",
            "Head of the Propaganda and Education Board", 10,
            date(2020, 11, 2), LAST_DAY_BEFORE_MERGER,
        ),),
    ),
    PersonData(
        "Phan Đức Minh", "0275 3599 025", f"pdminh@{EMAIL_DOMAIN}",
        (
            PositionData(
                PROPAGANDA_BOARD, "Phó Trưởng Ban Tuyên giáo Tỉnh ủy",
                "Deputy Head of the Propaganda and Education Board", 20,
                date(2021, 3, 1), LAST_DAY_BEFORE_MERGER,
            ),
            PositionData(
                MERGED_BOARD, "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "Deputy Head of the Propaganda, Education and Mass Mobilisation Board", 20,
                MERGER_DAY,
            ),
        ),
    ),
    PersonData(
        "Đinh Công Thắng", "0275 3599 041", f"dcthang@{EMAIL_DOMAIN}",
        (PositionData(
            INTERNAL_AFFAIRS_BOARD, "Trưởng Ban Nội chính Tỉnh ủy",
            "Head of the Internal Affairs Board", 10, date(2021, 1, 4),
        ),),
    ),
    PersonData(
        "Võ Minh Tuấn", "0275 3599 051", f"vmtuan@{EMAIL_DOMAIN}",
        (PositionData(
            INSPECTION_COMMISSION, "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
            "Chairman of the Inspection Commission", 10, date(2020, 10, 16),
        ),),
    ),
    PersonData(
        "Đặng Thị Lan Anh", "0275 3599 061", f"dtlananh@{EMAIL_DOMAIN}",
        (PositionData(
            PARTY_OFFICE, "Chánh Văn phòng Tỉnh ủy",
            "Chief of the Office of the Provincial Party Committee", 10, date(2022, 6, 1),
        ),),
    ),
    PersonData(
        "Hồ Sỹ Nam", "0275 3599 101", f"hsnam@{EMAIL_DOMAIN}",
        (PositionData(
            PROVINCIAL_YOUTH_UNION, "Bí thư Tỉnh Đoàn",
            "Secretary of the Provincial Youth Union", 10, date(2022, 9, 15),
        ),),
    ),
    PersonData(
        "Nguyễn Thị Mỹ Nương", "0275 3599 102", f"ntmynuong@{EMAIL_DOMAIN}",
        (PositionData(
            PROVINCIAL_YOUTH_UNION, "Phó Bí thư Tỉnh Đoàn",
            "Deputy Secretary of the Provincial Youth Union", 20, date(2022, 9, 15),
        ),),
    ),
    PersonData(
        "Trần Văn Đức", "0275 3599 111", f"tvduc@{EMAIL_DOMAIN}",
        (PositionData(
            DISTRICT_YOUTH_UNION_1, "Bí thư Huyện Đoàn Chợ Lách",
            "Secretary of the Cho Lach District Youth Union", 10,
            date(2022, 7, 1), LAST_DAY_OF_DISTRICTS,
        ),),
    ),
    PersonData(
        "Lê Thị Hồng Nhung", "0275 3599 121", f"lthnhung@{EMAIL_DOMAIN}",
        (PositionData(
            DISTRICT_YOUTH_UNION_2, "Bí thư Huyện Đoàn Ba Tri",
            "Secretary of the Ba Tri District Youth Union", 10,
            date(2022, 7, 1), LAST_DAY_OF_DISTRICTS,
        ),),
    ),
]


@dataclass(frozen=True)
class CategoryData:
    slug: str
    name: str
    order: int
    show_on_home: bool = False
    description: str = ""


NEWS = "tin-tuc"
PARTY_BUILDING = "cac-ban-xay-dung-dang"
YOUTH = "hoat-dong-doan"
CURRENT_AFFAIRS = "thoi-su"
CULTURE_SOCIETY = "van-hoa-xa-hoi"
HO_CHI_MINH = "hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh"
ANTI_CORRUPTION = "phong-chong-tham-nhung-tieu-cuc"
QUESTIONS = "hoi-dap"

CATEGORIES = [
    CategoryData(NEWS, "Tin tức", 10, True, "Tin hoạt động của Tỉnh ủy và các cơ quan, đơn vị."),
    CategoryData(
        PARTY_BUILDING, "Các ban xây dựng Đảng", 20, True,
        "Hoạt động của các ban xây dựng Đảng, Ủy ban Kiểm tra và Văn phòng Tỉnh ủy.",
    ),
    CategoryData(YOUTH, "Hoạt động Đoàn", 30, True, "Tin hoạt động Đoàn, Hội, Đội trong tỉnh."),
    CategoryData(CURRENT_AFFAIRS, "Thời sự", 40, False, "Thời sự chính trị, kinh tế trong tỉnh."),
    CategoryData(
        CULTURE_SOCIETY, "Văn hóa - Xã hội", 50, False, "Văn hóa, giáo dục, an sinh xã hội."
    ),
    CategoryData(
        HO_CHI_MINH, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 60, False,
        "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong Đảng bộ.",
    ),
    CategoryData(
        ANTI_CORRUPTION, "Phòng, chống tham nhũng, tiêu cực", 70, False,
        "Công tác phòng, chống tham nhũng, lãng phí, tiêu cực.",
    ),
    CategoryData(QUESTIONS, "Hỏi đáp", 80, False, "Hỏi - đáp về văn bản của Đảng và Nhà nước."),
]


@dataclass(frozen=True)
class DirectiveData:
    code: str
    doc_type: str
    issued_on: date
    issuer: str
    title: str
    subject: str  # short "về …" phrase for headlines
    summary: str = ""
    status: str = "in_force"
    replaced_by: str | None = None
    is_key: bool = False
    effective_on: date | None = None


DIRECTIVES = [
    DirectiveData(
        "20-CT/TW", "chi_thi", date(2012, 11, 5), POLITBURO,
        "Về tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ "
        "trẻ em",
        "về công tác chăm sóc, giáo dục và bảo vệ trẻ em",
        "Chỉ thị yêu cầu các cấp ủy, tổ chức đảng, chính quyền và đoàn thể tăng cường lãnh "
        "đạo, chỉ đạo công tác chăm sóc, giáo dục và bảo vệ trẻ em.",
    ),
    DirectiveData(
        "09-NQ/TW", "nghi_quyet", date(2011, 12, 9), POLITBURO,
        "Về xây dựng và phát huy vai trò của đội ngũ doanh nhân Việt Nam trong thời kỳ đẩy "
        "mạnh công nghiệp hóa, hiện đại hóa và hội nhập quốc tế",
        "về xây dựng và phát huy vai trò của đội ngũ doanh nhân",
        "Nghị quyết về xây dựng đội ngũ doanh nhân Việt Nam lớn mạnh, có tinh thần dân tộc, "
        "văn hóa kinh doanh và trách nhiệm xã hội.",
    ),
    DirectiveData(
        "25-NQ/TW", "nghi_quyet", date(2013, 6, 3), CENTRAL_COMMITTEE,
        "Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình "
        "hình mới",
        "về công tác dân vận trong tình hình mới",
        "Nghị quyết Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI về công tác "
        "dân vận.",
    ),
    DirectiveData(
        "43-KL/TW", "ket_luan", date(2019, 1, 7), SECRETARIAT,
        "Về tiếp tục thực hiện Nghị quyết Trung ương 7 khóa XI về tăng cường và đổi mới sự "
        "lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
        "về tiếp tục thực hiện Nghị quyết Trung ương 7 khóa XI về công tác dân vận",
        "Kết luận của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013.",
    ),
    DirectiveData(
        "05-CT/TW", "chi_thi", date(2016, 5, 15), POLITBURO,
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Chỉ thị về đưa việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
        "thành công việc thường xuyên của các cấp ủy, tổ chức đảng, cán bộ, đảng viên.",
        is_key=True,
    ),
    DirectiveData(
        "01-KL/TW", "ket_luan", date(2021, 5, 18), POLITBURO,
        "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII về đẩy mạnh học "
        "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "về tiếp tục thực hiện Chỉ thị số 05-CT/TW",
        "Kết luận của Bộ Chính trị khóa XIII về tiếp tục thực hiện Chỉ thị số 05-CT/TW.",
    ),
    DirectiveData(
        "18-NQ/TW", "nghi_quyet", date(2017, 10, 25), CENTRAL_COMMITTEE,
        "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị "
        "tinh gọn, hoạt động hiệu lực, hiệu quả",
        "về sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, "
        "hiệu quả",
        "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII.",
        is_key=True,
    ),
    DirectiveData(
        "08-QĐi/TW", "quy_dinh", date(2018, 10, 25), CENTRAL_COMMITTEE,
        "Về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị, "
        "Ủy viên Ban Bí thư, Ủy viên Ban Chấp hành Trung ương",
        "về trách nhiệm nêu gương của cán bộ, đảng viên",
        "Quy định của Ban Chấp hành Trung ương về trách nhiệm nêu gương của cán bộ, đảng "
        "viên.",
    ),
    DirectiveData(
        "37-QĐ/TW", "quy_dinh", date(2021, 10, 25), CENTRAL_COMMITTEE,
        "Về những điều đảng viên không được làm",
        "về những điều đảng viên không được làm",
        "Quy định của Ban Chấp hành Trung ương khóa XIII về những điều đảng viên không được "
        "làm, thay thế Quy định số 47-QĐ/TW ngày 01/11/2011.",
        is_key=True,
    ),
    DirectiveData(
        "47-QĐ/TW", "quy_dinh", date(2011, 11, 1), CENTRAL_COMMITTEE,
        "Về những điều đảng viên không được làm",
        "về những điều đảng viên không được làm",
        "Quy định của Ban Chấp hành Trung ương khóa XI, đã được thay thế bằng Quy định số "
        "37-QĐ/TW ngày 25/10/2021.",
        status="replaced", replaced_by="37-QĐ/TW",
    ),
    DirectiveData(
        "35-NQ/TW", "nghi_quyet", date(2018, 10, 22), POLITBURO,
        "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm "
        "sai trái, thù địch trong tình hình mới",
        "về tăng cường bảo vệ nền tảng tư tưởng của Đảng",
        "Nghị quyết của Bộ Chính trị về bảo vệ nền tảng tư tưởng của Đảng.",
    ),
    DirectiveData(
        "42-CT/TW", "chi_thi", date(2015, 3, 24), SECRETARIAT,
        "Về tăng cường sự lãnh đạo của Đảng đối với công tác giáo dục lý tưởng cách mạng, "
        "đạo đức, lối sống văn hóa cho thế hệ trẻ giai đoạn 2015 - 2030",
        "về giáo dục lý tưởng cách mạng, đạo đức, lối sống văn hóa cho thế hệ trẻ",
        "Chỉ thị của Ban Bí thư về giáo dục lý tưởng cách mạng cho thế hệ trẻ.",
    ),
    DirectiveData(
        "57-NQ/TW", "nghi_quyet", date(2024, 12, 22), POLITBURO,
        "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc "
        "gia",
        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "Nghị quyết của Bộ Chính trị về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
        "số quốc gia.",
        is_key=True,
    ),
    DirectiveData(
        "42/2022/NĐ-CP", "nghi_dinh", date(2022, 6, 24), GOVERNMENT,
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước "
        "trên môi trường mạng",
        "về cung cấp thông tin và dịch vụ công trực tuyến trên môi trường mạng",
        "Nghị định quy định thông tin phải công khai trên cổng thông tin điện tử của cơ quan "
        "nhà nước, thay thế Nghị định số 43/2011/NĐ-CP.",
        is_key=True,
    ),
    DirectiveData(
        "43/2011/NĐ-CP", "nghi_dinh", date(2011, 6, 13), GOVERNMENT,
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin "
        "điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước",
        "về cung cấp thông tin trên cổng thông tin điện tử của cơ quan nhà nước",
        "Đã được thay thế bằng Nghị định số 42/2022/NĐ-CP ngày 24/6/2022.",
        status="replaced", replaced_by="42/2022/NĐ-CP",
    ),
    DirectiveData(
        "12-KH/TĐTN-PT", "ke_hoach", date(2025, 1, 10), PROVINCIAL_YOUTH_UNION,
        "Về tổ chức Tháng Thanh niên năm 2025",
        "về tổ chức Tháng Thanh niên năm 2025",
        "Văn bản minh họa trong dữ liệu mẫu (không phải văn bản thật).",
    ),
]

DIRECTIVES_BY_CODE = {directive.code: directive for directive in DIRECTIVES}

# Pen names shown at the end of articles.
AUTHOR_NAMES = [
    "Minh Thư", "Thanh Hà", "Quốc Việt", "Hoài Thu", "Đức Anh", "Phương Linh",
    "Ngọc Tú", "Trúc Mai", "Hữu Phước", "Bảo Trân", "Thành Nhân", "Kim Ngân",
]

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = DEMO_PASSWORD  # refused outside debug (accounts/password_policy.py)
DEMO_ADMIN_EMAIL = f"admin@{EMAIL_DOMAIN}"
