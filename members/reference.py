"""Reference lists: the county's townships and the 56 ethnic groups (Tujia and Miao first)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Youyang's 39 townships and subdistricts (2 街道, 19 镇, 18 乡), loaded by a data migration
# into members.Township, where staff can amend them.
TOWNSHIPS = [
    "桃花源街道", "钟多街道",
    "龙潭镇", "麻旺镇", "酉酬镇", "大溪镇", "兴隆镇", "黑水镇", "丁市镇", "龚滩镇", "李溪镇",
    "泔溪镇", "酉水河镇", "苍岭镇", "小河镇", "板溪镇", "涂市镇", "铜鼓镇", "五福镇", "万木镇",
    "南腰界镇",
    "清泉乡", "偏柏乡", "木叶乡", "毛坝乡", "花田乡", "后坪乡", "天馆乡", "宜居乡", "两罾乡",
    "板桥乡", "官清乡", "车田乡", "腴地乡", "浪坪乡", "双泉乡", "楠木乡", "庙溪乡", "可大乡",
]  # fmt: skip

_ETHNIC_GROUPS = [
    "土家族", "苗族", "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "彝族", "壮族", "布依族",
    "朝鲜族", "满族", "侗族", "瑶族", "白族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族",
]  # fmt: skip

# Names of ethnic groups are proper names, kept in Chinese in every language.
ETHNICITY_CHOICES = [(name, name) for name in _ETHNIC_GROUPS]


class EmploymentGroup(models.TextChoices):
    """The eight new-employment-form groups (八大群体) that union drives target."""

    TRUCK_DRIVER = "truck_driver", _("Truck driver")
    COURIER = "courier", _("Courier")
    NURSE_AIDE = "nurse_aide", _("Nurse aide")
    DOMESTIC_WORKER = "domestic_worker", _("Domestic worker")
    MALL_INFO_WORKER = "mall_info_worker", _("Shopping-mall information worker")
    DELIVERY_RIDER = "delivery_rider", _("Food-delivery rider")
    ESTATE_AGENT = "estate_agent", _("Real-estate agent")
    SECURITY_GUARD = "security_guard", _("Security guard")
