"""language_detect on py3langid: news paragraphs in the languages the old stopword guess got wrong,
short and empty text as "und", the names shown, and what the desk shows for skipped articles."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory
from verify import language, services
from verify.language import UNDETERMINED, language_detect, language_label, language_rank
from verify.models import ArticleStatus

# Two or three sentences of the kind a news site publishes, one per language.
PARAGRAPHS = {
    "pl": "Rząd zapowiedział w poniedziałek, że od przyszłego roku płaca minimalna wzrośnie do 4666 złotych brutto. "
          "Według ministerstwa finansów podwyżka obejmie około trzech milionów pracowników. "
          "Przedsiębiorcy ostrzegają jednak, że wyższe koszty mogą doprowadzić do zwolnień w małych firmach.",
    "ro": "Guvernul a anunțat luni că salariul minim brut pe economie va crește la 4.050 de lei de la începutul "
          "anului viitor. Potrivit Ministerului Muncii, măsura va afecta aproximativ două milioane de angajați. "
          "Reprezentanții patronatelor susțin însă că firmele mici nu își vor putea permite această creștere.",
    "ca": "El Govern ha anunciat aquest dilluns que el preu del transport públic es reduirà un 50% a partir del mes "
          "vinent. Segons el departament de Territori, la mesura beneficiarà més de dos milions d'usuaris habituals. "
          "Els ajuntaments metropolitans han demanat que l'Estat també hi contribueixi econòmicament.",
    "bg": "Правителството обяви в понеделник, че минималната работна заплата ще бъде увеличена до 1077 лева от "
          "началото на годината. Според министерството на труда мярката ще засегне около 300 хиляди работници. "
          "Работодателите предупреждават, че по-високите разходи могат да доведат до съкращения.",
    "sr": "Влада Србије саопштила је у понедељак да ће минимална зарада од јануара бити повећана за 13,7 одсто. "
          "Према подацима Министарства финансија, повећање ће обухватити око 350.000 запослених. "
          "Послодавци упозоравају да мала предузећа тешко могу да издрже веће трошкове пословања.",
    "ja": "政府は月曜日、来年度から最低賃金を全国平均で時給1050円に引き上げると発表した。"
          "厚生労働省によると、引き上げの対象となる労働者は約700万人に上る見通しだ。"
          "一方、中小企業の経営者からは人件費の増加に対する懸念の声が上がっている。",
    "ko": "정부는 월요일 내년부터 최저임금을 시간당 1만 30원으로 인상한다고 발표했다. "
          "고용노동부에 따르면 이번 인상으로 약 300만 명의 노동자가 영향을 받을 것으로 예상된다. "
          "그러나 소상공인 단체는 인건비 부담이 커져 고용이 줄어들 수 있다고 우려했다.",
    "fa": "دولت روز دوشنبه اعلام کرد که حداقل دستمزد کارگران از ابتدای سال آینده ۳۵ درصد افزایش می‌یابد. "
          "به گفته وزارت کار، این تصمیم شامل حدود ۱۳ میلیون کارگر در سراسر کشور خواهد شد. "
          "کارفرمایان هشدار داده‌اند که افزایش هزینه‌ها ممکن است به تعدیل نیرو منجر شود.",
    "sv": "Regeringen meddelade på måndagen att skatten på bensin och diesel sänks med 30 öre per liter från den "
          "första januari. Enligt finansdepartementet kommer åtgärden att kosta staten omkring fyra miljarder kronor "
          "per år. Oppositionen kritiserar beslutet och menar att det går emot landets klimatmål.",
    "tr": "Hükümet pazartesi günü yaptığı açıklamada asgari ücretin ocak ayından itibaren yüzde 30 artırılacağını "
          "duyurdu. Çalışma Bakanlığı'na göre düzenleme yaklaşık yedi milyon çalışanı doğrudan etkileyecek. "
          "İşveren temsilcileri ise artan maliyetlerin küçük işletmeleri zor durumda bırakacağı uyarısında bulundu.",
    "id": "Pemerintah mengumumkan pada hari Senin bahwa harga bahan bakar minyak bersubsidi akan naik sebesar "
          "10 persen mulai bulan depan. Menurut Kementerian Keuangan, kebijakan ini akan menghemat anggaran negara "
          "hingga 50 triliun rupiah per tahun. Sejumlah serikat pekerja menyatakan akan menggelar aksi unjuk rasa.",
    "hi": "सरकार ने सोमवार को घोषणा की कि अगले वर्ष से न्यूनतम मजदूरी में 15 प्रतिशत की बढ़ोतरी की जाएगी। "
          "श्रम मंत्रालय के अनुसार इस फैसले से देश भर के लगभग पांच करोड़ मजदूरों को लाभ मिलेगा। "
          "हालांकि छोटे उद्योगों के प्रतिनिधियों ने बढ़ती लागत को लेकर चिंता जताई है।",
    # The languages the old guess confused them with, still told apart.
    "pt": "O governo anunciou nesta segunda-feira que o salário mínimo vai subir para 870 euros a partir de janeiro. "
          "Segundo o Ministério do Trabalho, a medida vai abranger cerca de 800 mil trabalhadores. "
          "As confederações patronais alertam que o aumento dos custos pode levar a despedimentos.",
    "fr": "Le gouvernement a annoncé lundi que le salaire minimum augmenterait de 2 % au premier janvier. "
          "Selon le ministère du Travail, cette hausse concernera environ trois millions de salariés. "
          "Les organisations patronales estiment toutefois que les petites entreprises auront du mal à suivre.",
    "es": "El Gobierno anunció el lunes que el salario mínimo subirá un 4,4 % hasta los 1.184 euros mensuales. "
          "Según el Ministerio de Trabajo, la medida beneficiará a unos 2,4 millones de trabajadores. "
          "Las organizaciones empresariales advierten de que el aumento pondrá en riesgo el empleo en las pymes.",
    "ru": "Правительство объявило в понедельник, что минимальный размер оплаты труда с января вырастет до 22 440 "
          "рублей. По данным Минтруда, повышение затронет около четырёх миллионов работников. "
          "Представители бизнеса предупреждают, что рост расходов может привести к сокращениям.",
    "zh": "政府周一宣布，从明年一月起全国最低工资标准将平均上调百分之八。"
          "据人力资源和社会保障部介绍，此次调整将惠及约三千万名劳动者。"
          "不过，一些中小企业主担心人工成本上升会影响企业的经营。",
    "ar": "أعلنت الحكومة يوم الاثنين أن الحد الأدنى للأجور سيرتفع بنسبة 20 في المئة اعتبارا من الشهر المقبل. "
          "وبحسب وزارة العمل، سيستفيد من القرار نحو مليوني عامل في القطاعين العام والخاص. "
          "وحذر ممثلو أصحاب العمل من أن ارتفاع التكاليف قد يدفع بعض الشركات إلى تسريح موظفين.",
    "en": "The government announced on Monday that the minimum wage will rise by 6.7% to £12.21 an hour from April. "
          "According to the Treasury, the increase will benefit around three million workers across the country. "
          "Business groups warned that higher costs could lead some small firms to cut jobs.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_a_news_paragraph_is_identified(code):
    assert language_detect(text=PARAGRAPHS[code]) == code


@pytest.mark.parametrize("headline", [
    "Storm leaves 40,000 homes without power",
    "Unemployment rises for third month in a row",
    "Bank of England holds interest rates",
    "STORM LEAVES 40,000 HOMES WITHOUT POWER",
])
def test_a_headline_length_english_sentence_is_english(headline):
    assert language_detect(text=headline) == "en"


@pytest.mark.parametrize("text", [
    "", "   \n\n ", "12345", "2024-03-05 10:00 · 3/4", "© 2026", "Share this", "Reuters", "OK",
    # Enough letters, but names and places belong to no language in particular.
    "Olaf Scholz Emmanuel Macron", "Kyiv Kharkiv Odesa Lviv Dnipro", "https://www.example.com/news/2024/03/bridges",
])
def test_too_little_or_too_unclear_text_is_und(text):
    assert language_detect(text=text) == UNDETERMINED


def test_varieties_are_reported_as_their_language():
    ranked = dict(language_rank(text=PARAGRAPHS["zh"]))
    assert "wuu" not in ranked and ranked["zh"] > 0.99


def test_every_language_that_can_be_detected_has_a_name():
    codes = {code for code, _ in language_rank(text="any text")} - {"zxx"}
    assert [code for code in codes if language_label(code) == code] == []
    assert (language_label("pl"), language_label("zh"), language_label(UNDETERMINED)) == (
        "Polish (pl)", "Chinese (zh)", "could not tell")


def test_the_model_is_loaded_once_per_process():
    language_detect(text=PARAGRAPHS["en"])
    language_detect(text=PARAGRAPHS["pl"])
    assert language._identifier.cache_info().currsize == 1 and language._identifier.cache_info().misses <= 1


@pytest.mark.django_db
def test_an_article_whose_language_we_cannot_tell_is_not_extracted_and_says_so(client, reviewer):
    article = ArticleFactory(status=ArticleStatus.PENDING, raw_content="Olaf Scholz, Emmanuel Macron", cleaned_text="",
                             language="")

    services.article_process(article_id=article.pk)

    article.refresh_from_db()
    assert (article.status, article.language, article.claims.count()) == (ArticleStatus.DONE, UNDETERMINED, 0)
    assert "could not be told" in article.skipped_reason
    client.force_login(reviewer)
    page = client.get(reverse("desk:article-detail", args=[article.pk])).content.decode()
    assert "Language: could not tell" in page and "could not be told" in page
    listing = client.get(reverse("desk:article-list")).content.decode()
    assert "Language: could not tell" in listing


@pytest.mark.django_db
def test_a_polish_article_is_stored_done_skipped_and_shown_as_polish(client, reviewer):
    english = ArticleFactory(status=ArticleStatus.DONE, language="en", title="An English one")
    article = ArticleFactory(status=ArticleStatus.PENDING, raw_content=PARAGRAPHS["pl"], cleaned_text="", language="",
                             title="Płaca minimalna")

    services.article_process(article_id=article.pk)

    article.refresh_from_db()
    assert (article.status, article.language, article.claims.count()) == (ArticleStatus.DONE, "pl", 0)
    assert article.cleaned_text == PARAGRAPHS["pl"]
    assert article.skipped_reason == ("Extraction skipped: the article is in Polish (pl), "
                                      "and the extractor reads English only.")
    client.force_login(reviewer)
    page = client.get(reverse("desk:article-detail", args=[article.pk])).content.decode()
    assert "Language: Polish (pl)" in page and "the article is in Polish (pl)" in page
    listing = client.get(reverse("desk:article-list")).content.decode()
    assert listing.count("Language: ") == 1 and "Language: Polish (pl)" in listing  # English rows say nothing
    assert english.title in listing
