#!/usr/bin/env python3
"""Deterministic data generator for phoihop's benchmarks.

Creates a database with `phoihop db init`, then inserts every record directly
through SQLite in one transaction (the history triggers only log while an
invocation is open, so nothing here is logged). Same --seed, profile and
sizes = the same file, byte for byte: timestamps are derived from the data,
uids come from the seeded generator.

  generate.py --phoihop BIN --db FILE [--profile province|stress|tiny]
              [--tasks N] [--seed S] [--history N]
              [--bulk-rows N [--bulk-csv F] [--bulk-batch F]] [--check]

Profiles (numbers for the default --tasks; --tasks scales the rest):
  tiny      3 agreements, 300 tasks: the smoke test and the bulk-load base
  province  one province over a decade (2016-2026): ~150 agreements (provincial
            and district), 4,000 tasks, 12,000 updates, 900 meetings,
            2,500 award recipients
  stress    100 agreements, 1,000,000 tasks, 1,000,000 updates, 100,000
            meetings, 100,000 award recipients

Writes FILE.meta.json beside the database: the counts and the references the
benchmark uses (the agreement whose task list is ~100 rows, an organisation for
--lead, the as-of day, the report period).
"""

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import queue
import subprocess
import sys
import threading
import time
import unicodedata

TODAY = dt.date(2026, 6, 30)  # the benchmark's pinned "today" (--today)

# --------------------------------------------------------------------------
# phoihop's fold (src/core/text.cpp core::fold): compatibility decomposition,
# case folding, combining marks dropped, đ/ð -> d, runs of white space -> one
# space, none at the ends. The generator only uses letters, digits, spaces and
# ASCII punctuation, where utf8proc's LUMP/IGNORE change nothing.

_fold_cache = {}
# Combining marks (Mn, Mc, Me) dropped, đ and ð (which legacy font converters
# put for đ) read as d.
_FOLD_TABLE = {cp: None for cp in range(0x300, 0x10000)
               if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")}
_FOLD_TABLE.update({0x0111: "d", 0x00F0: "d"})


def fold(text):
    key = _fold_cache.get(text)
    if key is None:
        decomposed = unicodedata.normalize("NFKD", text.casefold()).casefold()
        key = " ".join(decomposed.translate(_FOLD_TABLE).split())
        _fold_cache[text] = key
    return key


def nfc(text):
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------
# Vocabulary: how a provincial office writes.

FAMILY = ("Nguyễn Trần Lê Phạm Huỳnh Hoàng Võ Phan Trương Bùi Đặng Đỗ Ngô Hồ Dương Đinh "
          "Lâm Lương Mai Tạ Châu Cao Đoàn Vương Trịnh Thái Kiều Lý Tô La").split()
MIDDLE_M = "Văn Hữu Minh Quốc Thành Công Đức Thanh Hoàng Tấn Trọng Xuân Duy Phước Anh".split()
MIDDLE_F = "Thị Ngọc Thanh Kim Bích Thu Mỹ Hồng Phương Diễm Như Tuyết Bảo Hoài".split()
GIVEN_M = ("An Bình Cường Dũng Đạt Hải Hiếu Hùng Huy Khang Khoa Lộc Long Minh Nam Nghĩa "
           "Phong Phúc Quang Sơn Tài Tâm Thắng Thịnh Toàn Trí Trung Tuấn Việt Vinh").split()
GIVEN_F = ("Anh Châu Diệp Dung Giang Hà Hạnh Hằng Hiền Hoa Hương Lan Liên Linh Loan Mai "
           "Mười Nga Ngân Nhung Oanh Phượng Quỳnh Thảo Thủy Trang Tuyết Uyên Vy Yến").split()

POSITIONS_GOV = ["Chủ tịch UBND", "Phó Chủ tịch UBND", "Chánh Văn phòng UBND",
                 "Giám đốc Sở", "Phó Giám đốc Sở", "Trưởng phòng", "Phó Trưởng phòng",
                 "Chuyên viên"]
POSITIONS_MASS = ["Bí thư", "Phó Bí thư", "Chủ tịch Hội", "Phó Chủ tịch Hội",
                  "Ủy viên Ban Thường vụ", "Chánh Văn phòng", "Trưởng ban", "Cán bộ"]

PROVINCE = "Đồng Tháp"
DISTRICTS = [("thành phố", "Cao Lãnh"), ("thành phố", "Sa Đéc"), ("thành phố", "Hồng Ngự"),
             ("huyện", "Tân Hồng"), ("huyện", "Tam Nông"), ("huyện", "Thanh Bình"),
             ("huyện", "Tháp Mười"), ("huyện", "Cao Lãnh"), ("huyện", "Lấp Vò"),
             ("huyện", "Lai Vung"), ("huyện", "Châu Thành"), ("thị xã", "Hồng Ngự")]
COMMUNE_A = "Tân Mỹ Phú An Bình Long Hòa Thạnh Hưng Thới Định Phong Mỹ An Nhơn".split()
COMMUNE_B = "Thuận Hiệp Lợi Phước Khánh Đông Tây Thành Hội Quới Xuân Điền Trung Hòa".split()

# (name, short name, kind, is a mass organisation)
PROVINCIAL = [
    ("UBND tỉnh {p}", "UBND tỉnh", "people_committee", False),
    ("Tỉnh ủy {p}", "Tỉnh ủy", "party_committee", False),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {p}", "MTTQ tỉnh", "mass_organisation", True),
    ("Tỉnh đoàn {p}", "Tỉnh đoàn", "youth_union", True),
    ("Hội Liên hiệp Phụ nữ tỉnh {p}", "Hội LHPN tỉnh", "mass_organisation", True),
    ("Hội Nông dân tỉnh {p}", "Hội ND tỉnh", "mass_organisation", True),
    ("Hội Cựu chiến binh tỉnh {p}", "Hội CCB tỉnh", "mass_organisation", True),
    ("Liên đoàn Lao động tỉnh {p}", "LĐLĐ tỉnh", "mass_organisation", True),
    ("Hội Liên hiệp Thanh niên Việt Nam tỉnh {p}", "Hội LHTN tỉnh", "mass_organisation", True),
    ("Hội Chữ thập đỏ tỉnh {p}", "Hội CTĐ tỉnh", "mass_organisation", True),
    ("Sở Giáo dục và Đào tạo tỉnh {p}", "Sở GD&ĐT", "department", False),
    ("Sở Y tế tỉnh {p}", "Sở Y tế", "department", False),
    ("Sở Lao động - Thương binh và Xã hội tỉnh {p}", "Sở LĐ-TB&XH", "department", False),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh {p}", "Sở VH-TT&DL", "department", False),
    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh {p}", "Sở NN&PTNT", "department", False),
    ("Sở Tài chính tỉnh {p}", "Sở Tài chính", "department", False),
    ("Sở Kế hoạch và Đầu tư tỉnh {p}", "Sở KH&ĐT", "department", False),
    ("Sở Nội vụ tỉnh {p}", "Sở Nội vụ", "department", False),
    ("Sở Tư pháp tỉnh {p}", "Sở Tư pháp", "department", False),
    ("Sở Công Thương tỉnh {p}", "Sở Công Thương", "department", False),
    ("Sở Tài nguyên và Môi trường tỉnh {p}", "Sở TN&MT", "department", False),
    ("Sở Thông tin và Truyền thông tỉnh {p}", "Sở TT&TT", "department", False),
    ("Sở Khoa học và Công nghệ tỉnh {p}", "Sở KH&CN", "department", False),
    ("Sở Giao thông vận tải tỉnh {p}", "Sở GTVT", "department", False),
    ("Sở Xây dựng tỉnh {p}", "Sở Xây dựng", "department", False),
    ("Công an tỉnh {p}", "Công an tỉnh", "agency", False),
    ("Bộ Chỉ huy Quân sự tỉnh {p}", "BCH Quân sự tỉnh", "agency", False),
    ("Ban Dân tộc tỉnh {p}", "Ban Dân tộc", "agency", False),
    ("Đài Phát thanh và Truyền hình {p}", "Đài PT-TH", "agency", False),
    ("Báo {p}", "Báo tỉnh", "agency", False),
    ("Trường Chính trị tỉnh {p}", "Trường Chính trị", "school", False),
    ("Ngân hàng Chính sách xã hội chi nhánh tỉnh {p}", "NHCSXH tỉnh", "enterprise", False),
    ("Trường Đại học {p}", "ĐH {p}", "school", False),
]
DISTRICT_BODIES = [("UBND {d}", "people_committee"), ("Huyện đoàn {d}", "youth_union"),
                   ("Hội Liên hiệp Phụ nữ {d}", "mass_organisation"),
                   ("Hội Nông dân {d}", "mass_organisation"),
                   ("Phòng Giáo dục và Đào tạo {d}", "department"),
                   ("Phòng Lao động - Thương binh và Xã hội {d}", "department")]

ACTIONS = ["Tổ chức tập huấn", "Tuyên truyền, phổ biến", "Triển khai thực hiện", "Xây dựng mô hình",
           "Phối hợp tổ chức", "Hỗ trợ", "Kiểm tra, giám sát việc thực hiện",
           "Sơ kết, đánh giá", "Vận động, hướng dẫn", "Tổ chức diễn đàn về", "Nhân rộng mô hình",
           "Tổ chức hội thi về", "Biên soạn tài liệu về", "Khảo sát, đánh giá thực trạng",
           "Tổ chức ngày hội", "Đẩy mạnh", "Phát động phong trào", "Rà soát, đề xuất chính sách về"]
TOPICS = ["kỹ năng chuyển đổi số", "khởi nghiệp, lập nghiệp", "phòng, chống ma túy",
          "an toàn giao thông", "bảo vệ môi trường", "xây dựng nông thôn mới",
          "giáo dục pháp luật", "chăm sóc sức khỏe sinh sản", "học nghề, việc làm",
          "bình đẳng giới", "phòng, chống bạo lực gia đình", "kỹ năng phòng, chống đuối nước",
          "văn hóa đọc", "đổi mới sáng tạo", "chuyển đổi số trong nông nghiệp",
          "hỗ trợ vốn vay sản xuất", "xây dựng gia đình hạnh phúc", "an sinh xã hội",
          "ứng phó biến đổi khí hậu", "phòng, chống dịch bệnh", "hiến máu tình nguyện",
          "chăm sóc, giáo dục thiếu niên, nhi đồng", "thanh niên tình nguyện",
          "xuất khẩu lao động", "cải cách hành chính", "an ninh trật tự ở cơ sở",
          "đền ơn đáp nghĩa", "nước sạch và vệ sinh nông thôn", "kinh tế tập thể",
          "du lịch cộng đồng"]
GROUPS = ["cho đoàn viên, thanh niên", "cho hội viên phụ nữ", "cho nông dân",
          "cho học sinh, sinh viên", "cho thanh niên nông thôn", "tại các xã vùng sâu",
          "cho cán bộ cơ sở", "cho người lao động", "tại khu công nghiệp",
          "cho thanh thiếu nhi", "trên địa bàn tỉnh", "cho hộ nghèo, cận nghèo",
          "cho đồng bào dân tộc thiểu số", "tại các trường học", "cho thanh niên công nhân"]
UNITS = ["buổi", "lớp", "người", "mô hình", "lượt", "hộ", "công trình", "tỷ đồng", "xã", "cuộc"]
NOTES = ["Đã có kế hoạch chi tiết", "Chờ bố trí kinh phí", "Phối hợp với địa phương",
         "Báo cáo định kỳ hằng quý", "Lồng ghép với chương trình mục tiêu quốc gia",
         "Theo Kế hoạch số 12/KH-UBND", "Ưu tiên các xã khó khăn"]
UPDATE_NOTES = ["Đã tổ chức {n} buổi", "Hoàn thành theo kế hoạch", "Đang triển khai tại {n} xã",
                "Chậm do thiếu kinh phí", "Đã báo cáo UBND tỉnh", "Đạt {n}% chỉ tiêu",
                "Phối hợp tổ chức thành công", "Tạm dừng do dịch bệnh", "Điều chỉnh kế hoạch"]
MEETING_KINDS = ["working", "briefing", "interim_review", "final_review", "signing", "other"]
MEETING_TITLE = {
    "working": "Buổi làm việc giữa {a} và {b} về {t}",
    "briefing": "Giao ban công tác phối hợp {q} giữa {a} và {b}",
    "interim_review": "Hội nghị sơ kết {y} thực hiện {k}",
    "final_review": "Hội nghị tổng kết {k}",
    "signing": "Lễ ký kết {k}",
    "other": "Hội thảo về {t}",
}
CONCLUSIONS = ["Các đơn vị tiếp tục phối hợp chặt chẽ, thực hiện tốt các nội dung đã ký kết.",
               "Giao {o} chủ trì xây dựng kế hoạch triển khai trong quý tới.",
               "Đề nghị các sở, ngành bố trí kinh phí để thực hiện các đầu việc trọng tâm.",
               "Tăng cường công tác kiểm tra, giám sát, định kỳ báo cáo kết quả.",
               "Nhân rộng các mô hình hiệu quả, khen thưởng kịp thời tập thể, cá nhân tiêu biểu.",
               "Rà soát, điều chỉnh các chỉ tiêu chưa phù hợp với tình hình thực tế."]
TOPIC_CONTRIB = ["Kết quả phối hợp {t} giai đoạn vừa qua", "Kinh nghiệm triển khai mô hình {t}",
                 "Những khó khăn, vướng mắc trong {t}", "Giải pháp nâng cao hiệu quả {t}"]
REASONS = ["Có thành tích xuất sắc trong thực hiện {k}",
           "Có thành tích tiêu biểu trong công tác phối hợp giai đoạn {y}",
           "Đã có nhiều đóng góp trong phong trào {t}"]
PLACES = ["Hội trường UBND tỉnh", "Trung tâm Hội nghị tỉnh", "Hội trường Tỉnh đoàn",
          "Trụ sở UBND {d}", "Nhà văn hóa {d}"]


def _uuid_text(value):
    h = "%032x" % ((value & ~(0xF << 76) & ~(0x3 << 62) & ((1 << 128) - 1)) | (0x4 << 76) | (0x2 << 62))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Rng(random.Random):
    """random.Random with the helpers the generator needs."""

    def uid(self):
        """A version-4 UUID from the seeded generator."""
        return _uuid_text(self.getrandbits(128))

    def uid_sequence(self, expected):
        """Random version-4 UUIDs in increasing order: random gaps from a
        random start. A unique index then grows at its right edge, which loads
        faster than random order; the values look like any other uuid4."""
        # Gaps average 2**126 / (2 * expected): the values spread over the
        # first quarter of the range and cannot pass 2**128 before
        # 16 * expected of them.
        bits = max(8, 126 - (2 * expected + 1000).bit_length())
        x = self.getrandbits(124)
        getrandbits = self.getrandbits
        while True:
            x += getrandbits(bits) + 1
            yield _uuid_text(x)

    def person(self):
        if self.random() < 0.5:
            return f"{self.choice(FAMILY)} {self.choice(MIDDLE_F)} {self.choice(GIVEN_F)}"
        return f"{self.choice(FAMILY)} {self.choice(MIDDLE_M)} {self.choice(GIVEN_M)}"

    def day_between(self, first, last):
        span = (last - first).days
        return first + dt.timedelta(days=self.randint(0, max(span, 0)))


def stamp(day, seconds=0):
    """A created_at/updated_at derived from the data (deterministic)."""
    return f"{day.isoformat()}T{8 + seconds // 3600 % 9:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"


# --------------------------------------------------------------------------
# Insertion: explicit ids everywhere, rows buffered per table and flushed with
# executemany; secondary indexes and history triggers dropped for the load and
# re-created from their exact stored SQL (db check compares that text).

COLUMNS = {
    "org": "id uid name name_key short_name short_key kind parent_id valid_from valid_to note created_at updated_at",
    "org_alias": "id uid org_id name name_key",
    "org_succession": "id uid predecessor_id successor_id date note",
    "agreement": "id uid code title title_key number signed_on place period start_date end_date actual_end "
                 "status end_reason supersedes_id parent_id note created_at updated_at",
    "agreement_party": "id uid agreement_id org_id ordinal signer_name signer_position signed_on",
    "meeting": "id uid kind title title_key date place format minutes note created_at updated_at",
    "meeting_agreement": "meeting_id agreement_id",
    "meeting_participant": "id uid meeting_id org_id name position role ordinal",
    "meeting_contribution": "id uid meeting_id org_id presenter topic ordinal",
    "meeting_conclusion": "id uid meeting_id text ordinal",
    "task": "id uid agreement_id code ordinal title title_key description description_key lead_org_id "
            "start_date due_date target unit meeting_id conclusion_id note created_at updated_at",
    "task_partner": "task_id org_id ordinal",
    "task_update": "id uid task_id date seq status progress actual note created_at",
    "award_decision": "id uid number date issuer_org_id form reason agreement_id meeting_id created_at updated_at",
    "award_recipient": "id uid decision_id kind org_id person_name person_key position ordinal note "
                       "created_at updated_at",
}


class Sink:
    """Buffers rows per table; a writer thread runs the executemany calls, so
    SQLite's work overlaps the generation of the next rows (the sqlite3
    module releases the GIL while it steps)."""
    FLUSH = 20000

    def __init__(self, con):
        self.con = con
        self.buffers = {t: [] for t in COLUMNS}
        self.counts = {t: 0 for t in COLUMNS}
        self.sql = {t: "INSERT INTO {} ({}) VALUES ({})".format(
            t, ", ".join(c.split()), ", ".join("?" * len(c.split()))) for t, c in COLUMNS.items()}
        self.queue = queue.Queue(maxsize=4)
        self.error = None
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self):
        while True:
            item = self.queue.get()
            try:
                if item is not None and self.error is None:
                    self.con.executemany(*item)
            except BaseException as e:  # reported by sync()
                self.error = e
            finally:
                self.queue.task_done()
            if item is None:
                return

    def add(self, table, row):
        buf = self.buffers[table]
        buf.append(row)
        if len(buf) >= self.FLUSH:
            self.flush(table)

    def flush(self, table=None):
        for t in ([table] if table else list(self.buffers)):
            if self.buffers[t]:
                self.queue.put((self.sql[t], self.buffers[t]))
                self.counts[t] += len(self.buffers[t])
                self.buffers[t] = []

    def sync(self):
        """Flush everything and wait until it is written (before the main
        thread uses the connection itself)."""
        self.flush()
        self.queue.join()
        if self.error is not None:
            raise self.error

    def close(self):
        self.sync()
        self.queue.put(None)
        self.thread.join()


# --------------------------------------------------------------------------

class Org:
    __slots__ = ("id", "name", "short", "kind", "mass", "district", "valid_to")

    def __init__(self, oid, name, short, kind, mass=False, district=None):
        self.id, self.name, self.short, self.kind = oid, nfc(name), short and nfc(short), kind
        self.mass, self.district, self.valid_to = mass, district, None


class Generator:
    def __init__(self, args):
        self.args = args
        self.rng = Rng(args.seed)
        self.profile = args.profile
        defaults = {"tiny": 300, "province": 4000, "stress": 1_000_000}
        self.n_tasks = args.tasks if args.tasks is not None else defaults[self.profile]
        if self.profile == "stress":
            self.n_agreements = 100
            self.n_updates = self.n_tasks
            self.n_meetings = self.n_tasks // 10
            self.n_recipients = self.n_tasks // 10
        elif self.profile == "province":
            scale = self.n_tasks / 4000
            self.n_agreements = max(8, round(150 * min(scale, 1.0)))
            self.n_updates = self.n_tasks * 3
            self.n_meetings = max(10, round(900 * scale))
            self.n_recipients = max(10, round(2500 * scale))
        else:
            self.n_agreements = 3
            self.n_updates = self.n_tasks * 2
            self.n_meetings = max(3, self.n_tasks // 20)
            self.n_recipients = max(3, self.n_tasks // 10)
        self.orgs = []
        self.by_kind = {}
        self.agreements = []  # dicts
        self.meetings_of = {}  # agreement id -> [(meeting id, date, conclusion ids)]
        self.uid_gens = {}

    def next_uid(self, table):
        """The next uid of `table`'s increasing sequence (see Rng.uid_sequence)."""
        gen = self.uid_gens.get(table)
        if gen is None:
            gen = self.uid_gens[table] = self.rng.uid_sequence(self.n_tasks + self.n_updates)
        return next(gen)

    # ---------------------------------------------------------------- orgs
    def make_orgs(self, sink):
        rng = self.rng
        p = PROVINCE
        created = dt.date(2016, 1, 4)
        n_districts = {"tiny": 3, "province": len(DISTRICTS), "stress": len(DISTRICTS)}[self.profile]
        communes_per = {"tiny": 3, "province": 12, "stress": 20}[self.profile]
        specs = []
        for name, short, kind, mass in PROVINCIAL:
            specs.append((name.format(p=p), short.format(p=p), kind, mass, None, None))
        for level, dname in DISTRICTS[:n_districts]:
            d = f"{level} {dname}"
            for name, kind in DISTRICT_BODIES:
                nm = name.format(d=d)
                specs.append((nm, None, kind, kind in ("youth_union", "mass_organisation"), d, 1))
        seen = set()
        for level, dname in DISTRICTS[:n_districts]:
            d = f"{level} {dname}"
            made = 0
            while made < communes_per:
                c = f"{rng.choice(COMMUNE_A)} {rng.choice(COMMUNE_B)}"
                nm = f"UBND xã {c}, {d}"
                if fold(nm) in seen or len(set(c.split())) < 2:
                    continue
                seen.add(fold(nm))
                specs.append((nm, None, "commune", False, d, 2))
                made += 1
        parents = {}
        for i, (name, short, kind, mass, district, level) in enumerate(specs, start=1):
            o = Org(i, name, short, kind, mass, district)
            self.orgs.append(o)
            self.by_kind.setdefault(kind, []).append(o)
            if level == 1 and kind == "people_committee":
                parents[district] = o.id
        keys = set()
        for o in self.orgs:
            for k in (fold(o.name), o.short and fold(o.short)):
                if k:
                    assert k not in keys, k
                    keys.add(k)
        # District-level government ended on 01/07/2025: district bodies
        # ceased, succeeded by the provincial ones (examples/bentre.sh's
        # 2025 successions, in small).
        ceased = dt.date(2025, 6, 30)
        self.province_pc = self.orgs[0]
        self.province_yu = self.orgs[3]
        succ_id = 0
        for o in self.orgs:
            parent = None
            if o.district and o.kind == "commune":
                parent = parents.get(o.district)
            elif o.district and o.kind != "people_committee":
                parent = parents.get(o.district)
            valid_from = dt.date(2015, 1, 1) if o.kind == "commune" else None
            if o.district and o.kind != "commune":
                o.valid_to = ceased
            note = "Chấm dứt hoạt động khi kết thúc tổ chức chính quyền cấp huyện" if o.valid_to else None
            sink.add("org", (o.id, rng.uid(), o.name, fold(o.name), o.short, o.short and fold(o.short),
                             o.kind, parent, valid_from and valid_from.isoformat(),
                             o.valid_to and o.valid_to.isoformat(), note, stamp(created, o.id),
                             stamp(created, o.id)))
            if o.valid_to:
                succ_id += 1
                successor = self.province_yu if o.kind == "youth_union" else self.province_pc
                sink.add("org_succession", (succ_id, rng.uid(), o.id, successor.id, "2025-07-01",
                                            "Sắp xếp đơn vị hành chính, không tổ chức cấp huyện"))
        # The full names of the provincial bodies as aliases.
        aliases = [(1, f"Ủy ban nhân dân tỉnh {p}"), (4, f"Ban Chấp hành Tỉnh đoàn {p}"),
                   (4, f"Đoàn TNCS Hồ Chí Minh tỉnh {p}")]
        for i, (oid, name) in enumerate(aliases, start=1):
            name = nfc(name)
            assert fold(name) not in keys
            sink.add("org_alias", (i, rng.uid(), oid, name, fold(name)))
        self.mass_orgs = [o for o in self.orgs if o.mass and not o.district]
        self.provincial = [o for o in self.orgs if not o.district]
        self.district_pcs = [o for o in self.orgs if o.district and o.kind == "people_committee"]
        self.district_yus = {o.district: o for o in self.orgs if o.district and o.kind == "youth_union"}

    # ----------------------------------------------------------- agreements
    def make_agreements(self, sink):
        rng = self.rng
        n = self.n_agreements
        # Terms: the province profile spans 2016-2026 (five-year terms, renewed);
        # the stress profile keeps every term overlapping 2024 (the report
        # period) so the report covers all its tasks.
        plans = []
        if self.profile == "stress":
            for i in range(n):
                y = 2020 + i % 5
                plans.append((y, y + 4))
        else:
            starts = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
            for i in range(n):
                y = starts[i % len(starts)] if self.profile == "province" else 2022 + i % 2
                plans.append((y, y + 4))
        number = 0
        for i, (y1, y2) in enumerate(plans, start=1):
            if self.profile != "stress" and i > n // 3 and self.district_pcs:
                a_org = self.district_pcs[i % len(self.district_pcs)]
                b_org = self.district_yus.get(a_org.district) or rng.choice(self.mass_orgs)
                level = "district"
            else:
                a_org = self.province_pc if i % 3 else rng.choice(self.provincial[10:30])
                b_org = self.mass_orgs[i % len(self.mass_orgs)]
                level = "province"
            kindword = rng.choice(["Quy chế phối hợp công tác", "Chương trình phối hợp",
                                   "Kế hoạch phối hợp"])
            topic = rng.choice(TOPICS)
            title = nfc(f"{kindword} giữa {a_org.name} và {b_org.name}"
                        + (f" về {topic}" if kindword != "Quy chế phối hợp công tác" else "")
                        + f" giai đoạn {y1}-{y2}")
            start = dt.date(y1, 1, 1)
            end = dt.date(y2, 12, 31)
            signed = dt.date(y1, 1, 1) + dt.timedelta(days=rng.randint(0, 80))
            start = max(start, signed)
            code = f"QC-{y1}-{i:03d}"
            number += 1
            doc_number = nfc(f"{number:02d}/QCPH-{(a_org.short or 'UBND').split()[0]}-{y1}")
            actual_end = None
            status = "in_force"
            if end < TODAY:
                status = "ended"
            if level == "district" and end >= dt.date(2025, 7, 1):
                status, actual_end = "ended_early", dt.date(2025, 6, 30)
            if self.profile == "stress":
                status, actual_end = ("in_force" if end >= TODAY else "ended"), None
            a = {"id": i, "code": code, "title": title, "start": start, "end": end,
                 "actual_end": actual_end, "status": status, "parties": (a_org, b_org),
                 "y1": y1, "y2": y2, "signed": signed}
            self.agreements.append(a)
            sink.add("agreement", (i, rng.uid(), code, title, fold(title), doc_number,
                                   signed.isoformat(), "Thành phố Cao Lãnh", f"{y1}-{y2}",
                                   start.isoformat(), end.isoformat(),
                                   actual_end and actual_end.isoformat(), status,
                                   "Kết thúc tổ chức cấp huyện" if actual_end else None,
                                   None, None, None, stamp(signed, i), stamp(signed, i)))
        self.party_id = 0
        for a in self.agreements:
            for ordinal, org in enumerate(a["parties"], start=1):
                self.party_id += 1
                pos = rng.choice(POSITIONS_MASS if org.mass else POSITIONS_GOV[:2])
                sink.add("agreement_party", (self.party_id, self.rng.uid(), a["id"], org.id, ordinal,
                                             rng.person(), pos, a["signed"].isoformat()))
        # Renewals: an agreement between the same parties five years on
        # supersedes the earlier one (province profile).
        sink.sync()
        last = {}
        for a in self.agreements:
            key = tuple(o.id for o in a["parties"])
            prev = last.get(key)
            if prev and prev["end"] < a["start"] + dt.timedelta(days=400) and prev["y1"] < a["y1"]:
                self.con.execute("UPDATE agreement SET supersedes_id = ? WHERE id = ?", (prev["id"], a["id"]))
                if prev["status"] == "ended":
                    self.con.execute("UPDATE agreement SET status = 'superseded' WHERE id = ?", (prev["id"],))
            last[key] = a

    def task_counts(self):
        """Tasks per agreement: one agreement with ~100 (the list benchmark), the
        rest weighted at random."""
        n, rng = self.n_tasks, self.rng
        k = len(self.agreements)
        read_rows = min(100, n // 2)
        self.read_index = k // 2
        weights = [rng.uniform(0.5, 1.5) for _ in range(k)]
        weights[self.read_index] = 0
        rest = n - read_rows
        total_w = sum(weights)
        counts = [int(rest * w / total_w) for w in weights]
        counts[self.read_index] = read_rows
        short = n - sum(counts)
        order = [i for i in range(k) if i != self.read_index]
        for j in range(short):
            counts[order[j % len(order)]] += 1
        return counts

    # ------------------------------------------------------------- meetings
    def make_meetings(self, sink, counts):
        rng = self.rng
        k = len(self.agreements)
        total_tasks = max(sum(counts), 1)
        per = [max(1, round(self.n_meetings * c / total_tasks)) for c in counts]
        diff = self.n_meetings - sum(per)
        i = 0
        while diff != 0:
            j = i % k
            if diff > 0:
                per[j] += 1
                diff -= 1
            elif per[j] > 1:
                per[j] -= 1
                diff += 1
            i += 1
        mid = pid = cid = conid = 0
        for a, m_count in zip(self.agreements, per):
            last_day = min(a["actual_end"] or a["end"], TODAY)
            first_day = a["start"]
            lst = []
            dates = sorted(rng.day_between(first_day, last_day) for _ in range(m_count))
            for idx, day in enumerate(dates):
                mid += 1
                if idx == 0:
                    kind = "signing"
                    day = a["signed"]
                elif idx == m_count - 1 and a["end"] < TODAY:
                    kind = "final_review"
                else:
                    kind = rng.choice(("working", "working", "briefing", "briefing", "interim_review",
                                       "other"))
                a_org, b_org = a["parties"]
                t = rng.choice(TOPICS)
                q = f"quý {(day.month - 1) // 3 + 1}/{day.year}"
                title = nfc(MEETING_TITLE[kind].format(a=a_org.short or a_org.name, b=b_org.short or b_org.name,
                                                       t=t, q=q, y=f"năm {day.year}",
                                                       k=f"Quy chế phối hợp giai đoạn {a['y1']}-{a['y2']}"))
                place = nfc(rng.choice(PLACES).format(d=a_org.district or "tỉnh"))
                fmt = rng.choice(("in_person", "in_person", "in_person", "online", "hybrid"))
                minutes = f"BB-{day.year}-{mid:06d}" if rng.random() < 0.5 else None
                sink.add("meeting", (mid, self.next_uid("meeting"), kind, title, fold(title), day.isoformat(), place, fmt,
                                     minutes, None, stamp(day, mid), stamp(day, mid)))
                sink.add("meeting_agreement", (mid, a["id"]))
                people = 2 + (rng.random() < 0.5)
                for ordinal in range(1, people + 1):
                    pid += 1
                    org = a["parties"][ordinal - 1] if ordinal <= 2 else rng.choice(self.orgs)
                    role = "chair" if ordinal == 1 else ("co_chair" if ordinal == 2 and kind in
                                                         ("final_review", "signing") else "delegate")
                    name = rng.person() if ordinal <= 2 or rng.random() < 0.5 else None
                    pos = rng.choice(POSITIONS_MASS if org.mass else POSITIONS_GOV) if name else None
                    sink.add("meeting_participant", (pid, self.next_uid("meeting_participant"), mid, org.id, name, pos, role, ordinal))
                if kind in ("interim_review", "final_review", "other") or rng.random() < 0.3:
                    cid += 1
                    org = rng.choice(self.orgs)
                    topic = nfc(rng.choice(TOPIC_CONTRIB).format(t=t))
                    sink.add("meeting_contribution", (cid, self.next_uid("meeting_contribution"), mid, org.id,
                                                      rng.person() if rng.random() < 0.6 else None, topic, 1))
                cons = []
                for ordinal in range(1, 1 + (1 if rng.random() < 0.7 else 2)):
                    conid += 1
                    text = nfc(rng.choice(CONCLUSIONS).format(o=b_org.short or b_org.name))
                    sink.add("meeting_conclusion", (conid, self.next_uid("meeting_conclusion"), mid, text, ordinal))
                    cons.append(conid)
                lst.append((mid, day, cons, kind))
            self.meetings_of[a["id"]] = lst

    # ---------------------------------------------------------------- tasks
    def make_tasks(self, sink, counts):
        # The hot loop of the stress profile: dates are day ordinals looked up
        # in a table of ISO strings, choices index with random() directly.
        rng = self.rng
        R = rng.random
        task_uid = self.uid_gens.setdefault("task", rng.uid_sequence(self.n_tasks)).__next__
        update_uid = self.uid_gens.setdefault("task_update", rng.uid_sequence(self.n_updates)).__next__
        n = self.n_tasks
        mean = self.n_updates / max(n, 1)
        # Updates per task: uniform on 0..2*mean, corrected so the total is exact.
        top = max(1, int(round(2 * mean)))
        per_task = [int(R() * (top + 1)) for _ in range(n)]
        diff = self.n_updates - sum(per_task)
        step = 1 if diff > 0 else -1
        while diff != 0 and n > 0:
            j = int(R() * n)
            if (step < 0 and per_task[j] == 0) or (step > 0 and per_task[j] >= top + 2):
                continue
            per_task[j] += step
            diff -= step
        base = dt.date(2010, 1, 1).toordinal()
        iso = [dt.date.fromordinal(base + k).isoformat() for k in range(25 * 366)]
        suffix = [f"T{8 + k // 3600 % 9:02d}:{k // 60 % 60:02d}:{k % 60:02d}Z" for k in range(3600)]
        today_o = TODAY.toordinal() - base
        orgs = self.orgs
        n_orgs = len(orgs)
        targets = (5.0, 10.0, 12.0, 20.0, 50.0, 100.0, 200.0, 500.0)
        notes = [nfc(x) for x in NOTES]
        upd_notes = [nfc(x.format(n=k)) for x in UPDATE_NOTES for k in range(2, 31)]
        titles = {}
        stress = self.profile == "stress"
        add = sink.add
        tid = uid_n = t_index = 0
        short = 0
        for a, count in zip(self.agreements, counts):
            a_start = a["start"].toordinal() - base
            a_end = a["end"].toordinal() - base
            a_last = min((a["actual_end"] or a["end"]).toordinal() - base, today_o)
            start_span = min(700, a_end - a_start)
            meetings = self.meetings_of.get(a["id"], [])
            a_org, b_org = a["parties"]
            about = a_org.short or a_org.name
            aid = a["id"]
            for ordinal in range(1, count + 1):
                tid += 1
                nupd = per_task[t_index]
                t_index += 1
                combo = (int(R() * len(ACTIONS)), int(R() * len(TOPICS)), int(R() * len(GROUPS)))
                tk = titles.get(combo)
                if tk is None:
                    title = nfc(f"{ACTIONS[combo[0]]} {TOPICS[combo[1]]} {GROUPS[combo[2]]}")
                    tk = titles[combo] = (title, fold(title))
                desc = desc_key = None
                if R() < 0.2:
                    desc = nfc(f"Nội dung: {ACTIONS[int(R() * len(ACTIONS))].lower()} "
                               f"{TOPICS[int(R() * len(TOPICS))]}; đơn vị thực hiện báo cáo kết quả về {about}.")
                    desc_key = fold(desc)
                lead = b_org if R() < 0.5 else orgs[int(R() * n_orgs)]
                meeting_id = conclusion_id = None
                if meetings and R() < 0.05:
                    mid, mday, cons, _ = meetings[int(R() * len(meetings))]
                    meeting_id = mid
                    if R() < 0.5:
                        conclusion_id = cons[int(R() * len(cons))]
                    start = None if R() < 0.5 else mday.toordinal() - base
                else:
                    start = a_start + int(R() * (start_span + 1))
                due_from = a_start if start is None else start
                due = due_from + int(R() * (a_end - due_from + 1)) if R() < 0.9 else None
                target = targets[int(R() * 8)] if R() < 0.4 else None
                unit = UNITS[int(R() * len(UNITS))] if target is not None else None
                note = notes[int(R() * len(notes))] if R() < 0.1 else None
                created = iso[a_start if start is None else start] + suffix[tid % 3600]
                add("task", (tid, task_uid(), aid, f"NV{ordinal:05d}" if stress else str(ordinal), ordinal,
                             tk[0], tk[1], desc, desc_key, lead.id,
                             None if start is None else iso[start], None if due is None else iso[due],
                             target, unit, meeting_id, conclusion_id, note, created, created))
                if R() < 0.4:
                    p = orgs[int(R() * n_orgs)]
                    if p.id != lead.id:
                        add("task_partner", (tid, p.id, 1))
                # The dated log: distinct days, progress rising; the last
                # entry may finish or cancel the task.
                if nupd:
                    first = a_start if start is None else start
                    span = max(a_last - first, 0) + 1
                    want = min(nupd, span)
                    chosen = set()
                    while len(chosen) < want:
                        chosen.add(int(R() * span))
                    days = sorted(chosen)
                    short += nupd - want
                    progress = 0
                    last_i = len(days) - 1
                    for u_i, off in enumerate(days):
                        uid_n += 1
                        r = R()
                        status = "in_progress"
                        actual = None
                        if u_i == last_i and r < 0.45:
                            status, progress = "done", 100
                            actual = target
                        elif u_i == last_i and r < 0.50:
                            status = "cancelled"
                        else:
                            progress = min(95, progress + 5 + int(R() * 36))
                        note_u = upd_notes[int(R() * len(upd_notes))] if R() < 0.3 else None
                        day = iso[first + off]
                        add("task_update", (uid_n, update_uid(), tid, day, 1, status,
                                            None if status == "cancelled" else progress, actual, note_u,
                                            day + suffix[uid_n % 3600]))
        # Some logs had fewer days than entries: the missing entries become
        # notes on later seq numbers of a task's last day, so the total is exact.
        if short:
            sink.sync()
            rows = self.con.execute("SELECT task_id, max(date) FROM task_update GROUP BY task_id "
                                    "ORDER BY task_id LIMIT ?", (short,)).fetchall()
            seq = 1
            while short > 0:
                seq += 1
                for task_id, day in rows:
                    if short == 0:
                        break
                    uid_n += 1
                    short -= 1
                    add("task_update", (uid_n, update_uid(), task_id, day, seq, None, None, None,
                                        nfc("Bổ sung báo cáo"), f"{day}T17:00:00Z"))
        self.n_tasks_made = tid

    # --------------------------------------------------------------- awards
    def make_awards(self, sink):
        rng = self.rng
        reviews = []
        for a in self.agreements:
            for mid, day, _, kind in self.meetings_of.get(a["id"], []):
                if kind in ("interim_review", "final_review"):
                    reviews.append((a, mid, day))
        if not reviews:
            for a in self.agreements:
                for mid, day, _, kind in self.meetings_of.get(a["id"], [])[-1:]:
                    reviews.append((a, mid, day))
        remaining = self.n_recipients
        did = rid = 0
        number = 1000
        issuers = [self.province_pc] + [o for o in self.provincial if o.mass]
        while remaining > 0:
            a, mid, day = reviews[did % len(reviews)]
            did += 1
            number += rng.randint(1, 7)
            issuer = issuers[0] if rng.random() < 0.6 else rng.choice(issuers)
            form = "bang_khen" if issuer is self.province_pc else rng.choice(("giay_khen", "bang_khen", "other"))
            suffix = "UBND" if issuer is self.province_pc else (issuer.short or "TĐ").split()[0].upper()
            num = nfc(f"{number}/QĐ-{suffix}")
            reason = nfc(rng.choice(REASONS).format(k=f"Quy chế phối hợp giai đoạn {a['y1']}-{a['y2']}",
                                                   y=f"{a['y1']}-{a['y2']}", t=rng.choice(TOPICS)))
            sink.add("award_decision", (did, self.next_uid("award_decision"), num, day.isoformat(), issuer.id, form, reason, a["id"],
                                        mid, stamp(day, did), stamp(day, did)))
            size = min(remaining, rng.randint(3, 17))
            ordinals = {"collective": 0, "individual": 0}
            commended = set()  # nobody twice in one decision (phoihop's rule recipient_once)
            for _ in range(size):
                rid += 1
                while True:
                    if rng.random() < 0.4:
                        kind = "collective"
                        org = rng.choice(self.orgs)
                        person = pos = None
                    else:
                        kind = "individual"
                        org = rng.choice(self.orgs)
                        person = rng.person()
                        pos = rng.choice(POSITIONS_MASS if org.mass else POSITIONS_GOV)
                    who = (kind, org.id, person and fold(person))
                    if who not in commended:
                        commended.add(who)
                        break
                ordinals[kind] += 1
                sink.add("award_recipient", (rid, self.next_uid("award_recipient"), did, kind, org.id, person, person and fold(person),
                                             pos, ordinals[kind], None, stamp(day, rid), stamp(day, rid)))
            remaining -= size

    # -------------------------------------------------------------- history
    def make_history(self, con):
        """N closed invocations in the change log (`log`/`undo`), each with
        one logged change: what years of daily use leave behind. The rows
        they describe are not real (the generator's own rows are unlogged);
        only the size of the log matters to the benchmark."""
        rng = self.rng
        n = self.args.history
        first = dt.datetime(2016, 1, 4, 8, 0, 0)
        span = int((dt.datetime(2026, 6, 29, 17, 0, 0) - first).total_seconds())
        at = sorted(rng.randrange(span) for _ in range(n))
        inv = []
        chg = []
        for i, off in enumerate(at, start=1):
            stamp_ = (first + dt.timedelta(seconds=off)).strftime("%Y-%m-%dT%H:%M:%SZ")
            task_id = 1 + int(rng.random() * max(self.n_tasks_made, 1))
            progress = 5 * int(rng.random() * 21)
            inv.append((i, stamp_, f"task update {task_id} --progress {progress}", 0))
            after = json.dumps({"id": 10_000_000 + i, "uid": rng.uid(), "task_id": task_id,
                                "date": stamp_[:10], "seq": 1, "status": "in_progress", "progress": progress,
                                "actual": None, "note": None, "created_at": stamp_}, ensure_ascii=False)
            chg.append((i, i, "task_update", 10_000_000 + i, "insert", None, after))
        con.executemany("INSERT INTO history_invocation (id, at, command, open) VALUES (?, ?, ?, ?)", inv)
        con.executemany("INSERT INTO history_change (id, invocation_id, tbl, row_id, op, before, after) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", chg)
        self.history_rows = n

    # ----------------------------------------------------------------- run
    def run(self):
        args = self.args
        path = args.db
        for suffix in ("", "-wal", "-shm", ".meta.json"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        subprocess.run([args.phoihop, "-q", "--db", path, "db", "init"], check=True,
                       stdout=subprocess.DEVNULL, env=clean_env(os.path.dirname(os.path.abspath(path))))
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.con = con
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -262144")
        con.execute("BEGIN")
        saved = con.execute("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') "
                            "AND sql IS NOT NULL ORDER BY type, name").fetchall()
        for kind, name, _ in saved:
            con.execute(f"DROP {kind.upper()} {name}")
        sink = Sink(con)
        t0 = time.time()
        self.make_orgs(sink)
        sink.flush()
        self.make_agreements(sink)
        sink.flush()
        counts = self.task_counts()
        self.make_meetings(sink, counts)
        sink.flush()
        self.make_tasks(sink, counts)
        sink.flush()
        self.make_awards(sink)
        sink.close()
        if self.args.history:
            self.make_history(con)
        t1 = time.time()
        for kind, name, sql in saved:
            if kind == "index":
                con.execute(sql)
        for kind, name, sql in saved:
            if kind == "trigger":
                con.execute(sql)
        con.execute("COMMIT")
        t2 = time.time()
        con.execute("PRAGMA journal_mode = WAL")
        con.close()
        read = self.agreements[self.read_index]
        write = max(zip(counts, self.agreements), key=lambda x: x[0])[1]
        bulk = max(self.agreements, key=lambda a: (a["end"] >= TODAY, a["end"], -a["id"]))
        lead = self.mass_orgs[0]
        partner = self.province_pc
        meta = {
            "profile": self.profile, "seed": args.seed, "today": TODAY.isoformat(),
            "counts": {t: sink.counts[t] for t in COLUMNS},
            "read_agreement": read["code"], "read_rows": counts[self.read_index],
            "write_agreement": write["code"],
            "write_due": write["end"].isoformat(), "write_start": max(write["start"], dt.date(2024, 1, 1)).isoformat()
            if write["end"] >= dt.date(2024, 1, 1) else write["start"].isoformat(),
            "bulk_agreement": bulk["code"], "bulk_start": bulk["start"].isoformat(),
            "bulk_end": bulk["end"].isoformat(),
            "lead": lead.name, "partner": partner.name,
            "report_period": "2024", "history": self.args.history,
            "insert_seconds": round(t1 - t0, 2), "index_seconds": round(t2 - t1, 2),
        }
        with open(path + ".meta.json", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
        return meta, bulk, counts


def clean_env(home):
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "TZ": "UTC",
           "XDG_CONFIG_HOME": os.path.join(home, "xdg-config"), "XDG_DATA_HOME": os.path.join(home, "xdg-data")}
    return env


# --------------------------------------------------------------------------
# The bulk-load files: the same N task rows as a CSV for `phoihop import
# FILE.csv --kind task --agreement REF` (and `sqlite3 .import`), and as a
# batch file of `task add` lines for `phoihop batch FILE`.

def quote_word(text):
    if text and all(c.isalnum() or c in "-_./:%,+=@" for c in text) and not text.startswith("-"):
        return text
    return '"' + "".join("\\" + c if c in '"\\$`' else c for c in text) + '"'


def write_bulk(gen, rows, csv_path, batch_path, bulk):
    rng = Rng(gen.args.seed + 7919)
    start0, end0 = bulk["start"], bulk["end"]
    leads = [o for o in gen.orgs if not o.district] + gen.orgs[:40]
    csv_lines = ["title,code,lead,partner,start,due,target,unit,note"]
    batch_lines = [f"# {rows} task add lines: the same rows as {os.path.basename(csv_path)}"]

    def csv_cell(v):
        if v is None:
            return ""
        if any(c in v for c in ',"\r\n'):
            return '"' + v.replace('"', '""') + '"'
        return v

    for i in range(1, rows + 1):
        title = nfc(f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} {rng.choice(GROUPS)}")
        code = f"K{i:06d}"
        lead_org = rng.choice(leads)
        # Clerks type names without diacritics a third of the time.
        lead = fold(lead_org.name) if rng.random() < 0.3 else lead_org.name
        partner = None
        if rng.random() < 0.4:
            p = rng.choice(leads)
            if p.id != lead_org.id:
                partner = p.name
        start = rng.day_between(start0, min(start0 + dt.timedelta(days=700), end0))
        due = rng.day_between(start, end0)
        target = str(rng.choice((5, 10, 12, 20, 50, 100))) if rng.random() < 0.4 else None
        unit = rng.choice(UNITS) if target else None
        note = nfc(rng.choice(NOTES)) if rng.random() < 0.1 else None
        s_text, d_text = start.strftime("%d/%m/%Y"), due.strftime("%d/%m/%Y")
        csv_lines.append(",".join(csv_cell(v) for v in (title, code, lead, partner, s_text, d_text,
                                                         target, unit, note)))
        words = ["task", "add", f"--agreement={bulk['code']}", f"--code={code}", "--lead", quote_word(lead)]
        if partner:
            words += ["--partner", quote_word(partner)]
        words += ["--start", s_text, "--due", d_text]
        if target:
            words += ["--target", target, "--unit", quote_word(unit)]
        if note:
            words += ["--note", quote_word(note)]
        words += ["--", quote_word(title)]
        batch_lines.append(" ".join(words))
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(csv_lines) + "\r\n")
    with open(batch_path, "w", encoding="utf-8") as f:
        f.write("\n".join(batch_lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--phoihop", default=os.environ.get("PHOIHOP", "phoihop"), help="the phoihop binary (db init)")
    ap.add_argument("--db", required=True, help="the database to create (replaced if it exists)")
    ap.add_argument("--profile", choices=("province", "stress", "tiny"), default="province")
    ap.add_argument("--tasks", type=int, help="number of tasks (scales updates, meetings, awards)")
    ap.add_argument("--seed", type=int, default=20221201)
    ap.add_argument("--bulk-rows", type=int, default=0, help="also write the bulk-load CSV and batch files")
    ap.add_argument("--bulk-csv", help="path of the bulk-load CSV (default DB.bulk.csv)")
    ap.add_argument("--bulk-batch", help="path of the bulk-load batch file (default DB.bulk.batch)")
    ap.add_argument("--history", type=int, default=0,
                    help="also log N closed invocations (one change each), as years of use leave")
    ap.add_argument("--check", action="store_true", help="run `phoihop db check` on the result")
    args = ap.parse_args()
    t0 = time.time()
    gen = Generator(args)
    meta, bulk, _ = gen.run()
    if args.bulk_rows:
        csv_path = args.bulk_csv or args.db + ".bulk.csv"
        batch_path = args.bulk_batch or args.db + ".bulk.batch"
        write_bulk(gen, args.bulk_rows, csv_path, batch_path, bulk)
        meta["bulk_rows"] = args.bulk_rows
        meta["bulk_csv"] = csv_path
        meta["bulk_batch"] = batch_path
        with open(args.db + ".meta.json", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
    c = meta["counts"]
    print(f"generate: {args.db}: {args.profile}, {c['task']} tasks, {c['task_update']} updates, "
          f"{c['meeting']} meetings, {c['award_recipient']} award recipients, {c['agreement']} agreements, "
          f"{c['org']} orgs in {time.time() - t0:.1f} s", file=sys.stderr)
    if args.check:
        r = subprocess.run([args.phoihop, "--db", args.db, "db", "check"], capture_output=True, text=True,
                           env=clean_env(os.path.dirname(os.path.abspath(args.db))))
        sys.stderr.write(r.stdout + r.stderr)
        if r.returncode != 0:
            sys.exit(f"generate: db check failed on {args.db} (status {r.returncode})")


if __name__ == "__main__":
    main()
