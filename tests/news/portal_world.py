"""Two portals of one installation, as the tests of issue 19 read them: the main portal is the
Tỉnh ủy's (tinhuy.example.vn); the Tỉnh Đoàn, a child organisation of the Tỉnh ủy, has its
own (tinhdoan.example.vn), which also owns the Tỉnh Đoàn's branch under it. The Tỉnh ủy's
board (Ban Tuyên giáo) has no portal of its own: it belongs to the Tỉnh ủy's."""

from types import SimpleNamespace

from factories import ArticleFactory, CategoryFactory, OrganizationFactory, PortalFactory, member

from accounts.roles import APPROVER, REPORTER
from portals.models import Portal, PortalDomain

TINH_UY = "tinhuy.example.vn"
TINH_DOAN = "tinhdoan.example.vn"


def build_world():
    tinh_uy = OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="TU",
                                  kind="party_committee")
    main, _ = Portal.objects.get_or_create(is_main=True)  # the migrations may have made it
    main.organization = tinh_uy
    main.save()
    PortalDomain.objects.create(portal=main, domain=TINH_UY, is_primary=True)
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy", short_name="BTG", parent=tinh_uy)
    tinh_doan = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="TĐ",
                                    kind="youth_union", parent=tinh_uy)
    youth = PortalFactory(organization=tinh_doan, domain=TINH_DOAN)
    branch = OrganizationFactory(name="Đoàn Khối các cơ quan tỉnh", short_name="ĐK",
                                 kind="youth_union", parent=tinh_doan)
    shared = CategoryFactory(name="Thời sự", show_on_home=True)
    youth_only = CategoryFactory(name="Tuổi trẻ sáng tạo", show_on_home=True, portal=youth)
    world = SimpleNamespace(
        tinh_uy=tinh_uy, board=board, tinh_doan=tinh_doan, branch=branch,
        main=main, youth=youth, shared=shared, youth_only=youth_only,
    )
    world.province_article = ArticleFactory(
        title="Tỉnh ủy họp phiên thường kỳ tháng mười hai", organization=tinh_uy,
        category=shared, is_featured=True,
    )
    world.board_article = ArticleFactory(
        title="Ban Tuyên giáo tổng kết công tác tuyên truyền", organization=board,
        category=shared,
    )
    world.youth_article = ArticleFactory(
        title="Tỉnh Đoàn phát động tháng thanh niên", organization=tinh_doan,
        category=youth_only, is_featured=True,
    )
    world.branch_article = ArticleFactory(
        title="Đoàn Khối ra quân tình nguyện mùa đông", organization=branch, category=shared,
    )
    world.province_approver = member(APPROVER, tinh_uy, username="duyet-tinhuy")
    world.youth_approver = member(APPROVER, tinh_doan, username="duyet-tinhdoan")
    world.youth_reporter = member(REPORTER, tinh_doan, username="phongvien-tinhdoan")
    return world


def on(host: str) -> dict:
    """The test client's keyword for a request to `host`."""
    return {"headers": {"host": host}}
