"""The applicant's profile: the 11 sections of SPEC 5.1, each owned by one applicant.

Every section model names its table columns in `list_display_fields`; evidence files are foreign
keys to `PrivateFile` (see `file_field_names`). Entry limits live in `declarations.sections`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accounts.models import User
from accounts.pii import EncryptedIdNumberField

from .catalogue import TitleLevel
from .files import PrivateFile


def _file_field(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        PrivateFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=verbose_name
    )


def _period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
        name=name,
        violation_error_message="结束时间不能早于开始时间。",
    )


class ProfileEntry(models.Model):
    """Fields every section shares: the owning applicant and when the entry last changed."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(class)s_entries",
        verbose_name="申请人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    # The columns of the section's table (and of the read-only walk-through and the PDF).
    list_display_fields: tuple[str, ...] = ()

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True

    @classmethod
    def file_field_names(cls) -> list[str]:
        """Names of the fields that hold an uploaded `PrivateFile`."""
        fields = cls._meta.get_fields()
        return [f.name for f in fields if isinstance(f, models.ForeignKey) and f.related_model is PrivateFile]

    def private_files(self) -> list[PrivateFile]:
        return [f for f in (getattr(self, name) for name in self.file_field_names()) if f is not None]


class PoliticalStatus(models.TextChoices):
    CPC_MEMBER = "cpc", "中共党员"
    CPC_PROBATIONARY = "cpc_probationary", "中共预备党员"
    CYL_MEMBER = "cyl", "共青团员"
    DEMOCRATIC_PARTY = "democratic_party", "民主党派"
    NON_PARTISAN = "non_partisan", "无党派人士"
    MASSES = "masses", "群众"


class EmployerType(models.TextChoices):
    GOVERNMENT = "government", "机关"
    PUBLIC_INSTITUTION = "public_institution", "事业单位"
    STATE_OWNED = "state_owned", "国有企业"
    PRIVATE = "private", "民营企业"
    FOREIGN = "foreign", "外资企业"
    OTHER = "other", "其他"


class BasicInfo(ProfileEntry):
    """2.2.1 基本信息: one per applicant; name, sex, birth date and ID number come from the account."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="basic_info", verbose_name="申请人"
    )
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=1, choices=User.Sex.choices)
    birth_date = models.DateField("出生日期")
    id_number = EncryptedIdNumberField("身份证号码", max_length=18)
    ethnicity = models.CharField("民族", max_length=20, default="汉族")
    political_status = models.CharField("政治面貌", max_length=20, choices=PoliticalStatus.choices)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    employer = models.CharField("工作单位", max_length=200)
    employer_type = models.CharField("单位性质", max_length=30, choices=EmployerType.choices)
    specialty = models.CharField("现从事专业", max_length=100)
    work_start_date = models.DateField("参加工作时间")
    current_post = models.CharField("现任职务", max_length=100, blank=True)
    mailing_address = models.CharField("通讯地址", max_length=255)
    photo = _file_field("红底免冠照片")

    list_display_fields = ("name", "sex", "birth_date", "id_number", "employer", "specialty", "phone")

    class Meta:
        ordering = ["owner_id"]
        verbose_name = "基本信息"
        verbose_name_plural = "基本信息"

    def __str__(self) -> str:
        return self.name


class WorkExperience(ProfileEntry):
    """2.2.2 主要工作经历."""

    start_date = models.DateField("开始时间")
    end_date = models.DateField("结束时间", null=True, blank=True, help_text="仍在职请留空（至今）")
    employer = models.CharField("工作单位", max_length=200)
    technical_work = models.TextField("从事何种专业技术工作", max_length=1000)
    post = models.CharField("职务", max_length=100)
    reference_person = models.CharField("证明人", max_length=50)
    attachment = _file_field("证明材料")

    list_display_fields = ("start_date", "end_date", "employer", "technical_work", "post", "reference_person")

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "主要工作经历"
        verbose_name_plural = "主要工作经历"
        constraints = [_period_constraint("workexperience_period_ordered")]

    def __str__(self) -> str:
        return f"{self.start_date} {self.employer}"


class EducationLevel(models.TextChoices):
    DOCTORATE = "doctorate", "博士研究生"
    MASTER = "master", "硕士研究生"
    BACHELOR = "bachelor", "大学本科"
    JUNIOR_COLLEGE = "junior_college", "大学专科"
    SECONDARY = "secondary", "中专"


class Degree(models.TextChoices):
    DOCTOR = "doctor", "博士"
    MASTER = "master", "硕士"
    BACHELOR = "bachelor", "学士"
    NONE = "none", "无"


class Education(ProfileEntry):
    """2.2.3 学历信息."""

    level = models.CharField("学历", max_length=20, choices=EducationLevel.choices)
    degree = models.CharField("学位", max_length=20, choices=Degree.choices, default=Degree.NONE)
    school = models.CharField("毕业院校", max_length=200)
    major = models.CharField("所学专业", max_length=100)
    graduation_date = models.DateField("毕业时间")
    study_years = models.PositiveSmallIntegerField(
        "学制（年）", validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    certificate_number = models.CharField("毕业证书编号", max_length=50)
    diploma_scan = _file_field("毕业证书扫描件")
    degree_scan = _file_field("学位证书扫描件")

    list_display_fields = ("level", "degree", "school", "major", "graduation_date", "study_years")

    class Meta:
        ordering = ["graduation_date", "id"]
        verbose_name = "学历信息"
        verbose_name_plural = "学历信息"

    def __str__(self) -> str:
        return f"{self.school} {self.major}"


class ObtainedBy(models.TextChoices):
    EVALUATION = "evaluation", "评审"
    EXAMINATION = "examination", "考试"
    RECOGNITION = "recognition", "认定"


class Qualification(ProfileEntry):
    """2.2.4 专技人员资格信息."""

    title = models.CharField("现专业技术资格名称", max_length=100)
    level = models.CharField("资格级别", max_length=20, choices=TitleLevel.choices)
    specialty = models.CharField("专业", max_length=100)
    obtained_date = models.DateField("取得时间")
    obtained_by = models.CharField("取得方式", max_length=20, choices=ObtainedBy.choices)
    approving_body = models.CharField("审批机关", max_length=200)
    certificate_number = models.CharField("证书编号", max_length=50)
    appointment_date = models.DateField("聘任时间", null=True, blank=True)
    certificate_scan = _file_field("资格证书扫描件")

    list_display_fields = ("title", "level", "specialty", "obtained_date", "obtained_by", "certificate_number")

    class Meta:
        ordering = ["obtained_date", "id"]
        verbose_name = "专技人员资格信息"
        verbose_name_plural = "专技人员资格信息"

    def __str__(self) -> str:
        return self.title


class AssessmentKind(models.TextChoices):
    ANNUAL_ASSESSMENT = "annual_assessment", "年度考核"
    EXAMINATION = "examination", "考试"
    AWARD = "award", "获奖"


class AssessmentAward(ProfileEntry):
    """2.2.5 考核考试及获奖."""

    kind = models.CharField("类别", max_length=20, choices=AssessmentKind.choices)
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    result = models.CharField("结果或奖项名称及等级", max_length=200)
    awarding_body = models.CharField("考核或授奖单位", max_length=200)
    date = models.DateField("时间")
    attachment = _file_field("证明材料")

    list_display_fields = ("kind", "year", "result", "awarding_body", "date")

    class Meta:
        ordering = ["year", "date", "id"]
        verbose_name = "考核考试及获奖"
        verbose_name_plural = "考核考试及获奖"

    def __str__(self) -> str:
        return f"{self.year} {self.result}"


class ContinuingEducation(ProfileEntry):
    """2.2.6 继续教育培训."""

    start_date = models.DateField("开始时间")
    end_date = models.DateField("结束时间")
    content = models.CharField("培训内容", max_length=200)
    institution = models.CharField("培训机构", max_length=200)
    hours = models.PositiveIntegerField("学时", validators=[MinValueValidator(1), MaxValueValidator(2000)])
    certificate_scan = _file_field("培训证书扫描件")

    list_display_fields = ("start_date", "end_date", "content", "institution", "hours")

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "继续教育培训"
        verbose_name_plural = "继续教育培训"
        constraints = [_period_constraint("continuingeducation_period_ordered")]

    def __str__(self) -> str:
        return self.content


class AuthorRole(models.TextChoices):
    SOLE = "sole", "独著"
    FIRST = "first", "第一作者"
    CORRESPONDING = "corresponding", "通讯作者"
    SECOND = "second", "第二作者"
    THIRD = "third", "第三作者"
    OTHER = "other", "其他"


class Paper(ProfileEntry):
    """2.2.7 论文."""

    title = models.CharField("论文题目", max_length=200)
    journal = models.CharField("刊物名称", max_length=200)
    issn_cn = models.CharField("刊号（ISSN/CN）", max_length=50)
    published_date = models.DateField("发表时间")
    author_role = models.CharField("本人排名", max_length=20, choices=AuthorRole.choices)
    scan = _file_field("论文扫描件")

    list_display_fields = ("title", "journal", "issn_cn", "published_date", "author_role")

    class Meta:
        ordering = ["published_date", "id"]
        verbose_name = "论文"
        verbose_name_plural = "论文"

    def __str__(self) -> str:
        return self.title


class MaterialKind(models.TextChoices):
    STANDARD = "standard", "技术标准"
    CONSTRUCTION_METHOD = "construction_method", "工法"
    PATENT = "patent", "专利"
    TECHNICAL_REPORT = "technical_report", "技术报告"
    OTHER = "other", "其他"


class PracticalMaterial(ProfileEntry):
    """2.2.8 实用技术材料."""

    name = models.CharField("材料名称", max_length=200)
    kind = models.CharField("类别", max_length=30, choices=MaterialKind.choices)
    date = models.DateField("完成时间")
    role = models.CharField("本人作用", max_length=200)
    attachment = _file_field("证明材料")

    list_display_fields = ("name", "kind", "date", "role")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = "实用技术材料"
        verbose_name_plural = "实用技术材料"

    def __str__(self) -> str:
        return self.name


class EditorRole(models.TextChoices):
    SOLE = "sole", "独著"
    CHIEF = "chief", "主编"
    DEPUTY = "deputy", "副主编"
    CONTRIBUTOR = "contributor", "参编"


class Monograph(ProfileEntry):
    """2.2.9 学术技术专著."""

    title = models.CharField("专著名称", max_length=200)
    publisher = models.CharField("出版社", max_length=200)
    isbn = models.CharField("ISBN", max_length=20)
    published_date = models.DateField("出版时间")
    role = models.CharField("本人角色", max_length=20, choices=EditorRole.choices)
    share = models.CharField("本人撰写部分及字数", max_length=200)
    scan = _file_field("专著扫描件")

    list_display_fields = ("title", "publisher", "isbn", "published_date", "role", "share")

    class Meta:
        ordering = ["published_date", "id"]
        verbose_name = "学术技术专著"
        verbose_name_plural = "学术技术专著"

    def __str__(self) -> str:
        return self.title


class WorkAbility(ProfileEntry):
    """2.2.10 工作经历能力."""

    start_date = models.DateField("开始时间")
    end_date = models.DateField("结束时间", null=True, blank=True, help_text="尚未结束请留空（至今）")
    project = models.CharField("项目名称", max_length=200)
    responsibility = models.CharField("本人职责", max_length=200)
    description = models.TextField("工作内容及体现的能力", max_length=2000)
    attachment = _file_field("证明材料")

    list_display_fields = ("start_date", "end_date", "project", "responsibility")

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "工作经历能力"
        verbose_name_plural = "工作经历能力"
        constraints = [_period_constraint("workability_period_ordered")]

    def __str__(self) -> str:
        return self.project


class Achievement(ProfileEntry):
    """2.2.11 业绩成果."""

    project = models.CharField("项目名称", max_length=200)
    start_date = models.DateField("开始时间")
    end_date = models.DateField("结束时间", null=True, blank=True, help_text="尚未结束请留空（至今）")
    scale = models.CharField("工程规模或投资额", max_length=200)
    role = models.CharField("本人作用", max_length=200)
    results = models.TextField("成果及获奖情况", max_length=2000)
    evidence = _file_field("证明材料")

    list_display_fields = ("project", "start_date", "end_date", "scale", "role")

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "业绩成果"
        verbose_name_plural = "业绩成果"
        constraints = [_period_constraint("achievement_period_ordered")]

    def __str__(self) -> str:
        return self.project
