"""Bulletin text for the sample generator, one entry per language.

Every text here was written for these samples (a fictional but plausible issue of a project
bulletin on the internationalisation of SMEs); none is taken from a real bulletin. To add a
language, add an entry to `TEXTS` with the same keys; `check_texts()` lists what is missing.

Keys:
  title, subtitle          banner lines (page 1)
  header                   running header, every page
  footer                   running footer (a URL), every page
  page                     page-number label, `{n}` is the number
  intro                    full-width lead paragraph under the banner
  caption                  caption under the picture
  sections                 {heading, sentences}; paragraphs are drawn from the sentences
  bullets_lead, bullets    a short bulleted list (Wingdings-style PUA bullets)
  list_heading, list_lead, recommendations
                           the numbered list of policy recommendations
  box_heading, box         the boxed article that interrupts the list
  next_heading, next       the section after the list
  closing_heading, closing the full-width closing region on the last page
"""

from __future__ import annotations

REQUIRED = (
    "title", "subtitle", "header", "footer", "page", "intro", "caption", "sections",
    "bullets_lead", "bullets", "list_heading", "list_lead", "recommendations",
    "box_heading", "box", "next_heading", "next", "closing_heading", "closing",
)

URL = "www.interregeurope.eu/intra"

TEXTS: dict[str, dict] = {}

TEXTS["en"] = {
    "title": "INTRA e-bulletin",
    "subtitle": "Issue 6 · December 2018",
    "header": "INTRA – Internationalisation of Regional SMEs",
    "footer": URL,
    "page": "Page {n}",
    "intro": (
        "This sixth issue of the INTRA e-bulletin reports on the work of the project partners during the last "
        "six months: the partner meeting in Maribor, the joint policy recommendations and the preparation of "
        "the regional action plans. The project helps small and medium-sized enterprises from six European "
        "regions to find customers beyond their home markets."
    ),
    "caption": "Project partners at the meeting in Maribor, December 2018",
    "sections": [
        {
            "heading": "Partner meeting in Maribor",
            "sentences": [
                "On 11 and 12 December 2018 the partners met in Maribor, Slovenia, for the seventh interregional meeting of the project.",
                "Representatives of all six regions discussed the progress of the action plans and the timetable of the second phase.",
                "The partners agreed to submit the action plans to the programme secretariat by the end of March 2019.",
                "A visit to two local exporters showed how vouchers lower the cost of a first trade fair abroad.",
            ],
        },
        {
            "heading": "Handbook of good practices",
            "sentences": [
                "The handbook collects more than eighty good practices that support the internationalisation of SMEs.",
                "Each practice is described by its owner, who states the budget, the target group and the results achieved.",
                "Stakeholders in Eastern Slovenia, North-East Bulgaria, Extremadura, Algarve, the West Midlands and Abruzzo validated the selection.",
                "Many practices combine export training with personal mentoring by experienced entrepreneurs.",
                "Several regions use digital platforms to match small suppliers with foreign buyers.",
                "Trade missions organised with the chambers of commerce remain one of the most popular instruments.",
                "The full handbook can be downloaded from www.interregeurope.eu/intra.",
                "Policy makers can compare the instruments and adapt them to their own territory.",
                "The first phase of the project ran from 01.04.2016 to 31.03.2019.",
                "In the second phase, from April 2019 to March 2021, the partners will follow the implementation of the action plans.",
                "Workshops with external experts helped the partners to weigh the strengths and weaknesses of each instrument.",
                "Smaller firms often lack the staff and the language skills needed to enter new markets.",
                "Access to reliable market information is one of the barriers that entrepreneurs mention most often.",
                "Cooperation between business associations, universities and clusters makes regional support more effective.",
            ],
        },
    ],
    "bullets_lead": "The meeting focused on:",
    "bullets": [
        "the state of the regional action plans,",
        "the monitoring of policy changes in the second phase,",
        "the choice of good practices for the final handbook,",
        "the communication plan for 2019.",
    ],
    "list_heading": "Joint policy recommendations",
    "list_lead": "Building on the regional analyses, the partners adopted the following recommendations for European and regional policy makers:",
    "recommendations": [
        "Regional support schemes for internationalisation should be simple, with one application form and short decision times.",
        "SMEs taking their first steps abroad should receive personal advice from an export coach for at least one year. The coach helps the firm to choose its first target market and to prepare its first offer.",
        "Vouchers for trade fairs, market studies and translation should be available to micro enterprises as well.",
        "Regions should share their databases of foreign buyers and distributors with each other.",
        "Export training should be linked to concrete business plans and be followed by individual coaching. Participants who complete a course should be able to present their company in at least one foreign language.",
        "Digital marketing and online sales deserve priority, as they give small firms a fast route to foreign customers.",
        "The results of public support should be measured with the same indicators in all partner regions.",
        "Clusters and chambers of commerce should organise joint missions so that smaller firms can share the costs. A shared stand at a trade fair can cost a small firm less than a quarter of a stand of its own.",
        "Universities should offer students internships in exporting SMEs, where they can help with languages and market research.",
        "Managing authorities should reserve part of the 2021–2027 budget for pilot actions proposed by the regions.",
        "Good practices from other regions should first be tested on a small scale and only then be transferred in full. A pilot of one or two years shows whether a practice works in the new setting.",
        "Policy makers should meet entrepreneurs at least once a year to review the support on offer.",
    ],
    "box_heading": "INTRA in numbers",
    "box": [
        "Six partner regions from six countries take part in the project.",
        "The partners organised 41 interregional events and collected 89 good practices.",
        "More than 300 regional stakeholders took part in the local meetings.",
        "The project budget is EUR 1.6 million, co-financed by the European Regional Development Fund.",
    ],
    "next_heading": "Preparing the action plans",
    "next": [
        "Each region is now completing its action plan together with the managing authority of its operational programme.",
        "In Slovenia a new voucher scheme for internationalisation will be introduced.",
        "In North-East Bulgaria export courses for start-ups will be organised.",
        "The partners will report on the results twice a year until March 2021.",
    ],
    "closing_heading": "Contact",
    "closing": (
        "More information about the project and its partners is available at www.interregeurope.eu/intra. "
        "Subscribe to receive the next issue of the e-bulletin."
    ),
}

TEXTS["bg"] = {
    "title": "Е-бюлетин INTRA",
    "subtitle": "Брой 6 · декември 2018 г.",
    "header": "INTRA – Интернационализация на регионалните МСП",
    "footer": URL,
    "page": "Стр. {n}",
    "intro": (
        "Шестият брой на е-бюлетина INTRA разказва за работата на партньорите през последните шест месеца: "
        "срещата в Марибор, общите препоръки за политиките и подготовката на регионалните планове за действие. "
        "Проектът помага на малките и средните предприятия от шест европейски региона да намерят клиенти "
        "извън своите пазари."
    ),
    "caption": "Партньорите по проекта на срещата в Марибор, декември 2018 г.",
    "sections": [
        {
            "heading": "Среща на партньорите в Марибор",
            "sentences": [
                "На 11 и 12 декември 2018 г. партньорите се събраха в Марибор, Словения, за седмата междурегионална среща по проекта.",
                "Представители на всичките шест региона обсъдиха напредъка на плановете и графика на втората фаза.",
                "Партньорите решиха да представят плановете на секретариата на програмата до края на март 2019 г.",
                "Посещение в две местни фирми износители показа как ваучерите намаляват разходите за първо участие в изложение в чужбина.",
            ],
        },
        {
            "heading": "Наръчник с добри практики",
            "sentences": [
                "Наръчникът събира над осемдесет добри практики в подкрепа на интернационализацията на МСП.",
                "Всяка практика е описана от нейния собственик, който посочва бюджета, целевата група и постигнатото.",
                "Изборът беше одобрен от заинтересованите страни в Източна Словения, Североизточна България, Естремадура, Алгарве, Уест Мидландс и Абруцо.",
                "Много от практиките съчетават обучение по износ с лично наставничество от опитни предприемачи.",
                "Някои региони използват дигитални платформи, за да свържат малки доставчици с купувачи от чужбина.",
                "Търговските мисии, организирани с търговските камари, остават един от най-търсените инструменти.",
                "Пълният текст на наръчника може да бъде изтеглен от www.interregeurope.eu/intra.",
                "Отговорните за политиките могат да сравнят инструментите и да ги приспособят към своята територия.",
                "Първата фаза на проекта продължи от 01.04.2016 до 31.03.2019 г.",
                "През втората фаза, от април 2019 г. до март 2021 г., партньорите ще следят изпълнението на плановете.",
                "Семинари с външни експерти помогнаха на партньорите да преценят силните и слабите страни на всеки инструмент.",
                "На по-малките фирми често не достигат хора и езикови умения, за да стъпят на нови пазари.",
                "Достъпът до надеждни сведения за пазарите е една от пречките, които предприемачите посочват най-често.",
                "Сътрудничеството между бизнес сдружения, университети и клъстери прави регионалната подкрепа по-ефективна.",
            ],
        },
    ],
    "bullets_lead": "Срещата беше посветена на:",
    "bullets": [
        "състоянието на регионалните планове за действие;",
        "наблюдението на промените в политиките през втората фаза;",
        "избора на добри практики за окончателния наръчник;",
        "плана за комуникация през 2019 г.",
    ],
    "list_heading": "Общи препоръки за политиките",
    "list_lead": "Въз основа на регионалните анализи партньорите приеха следните препоръки към европейските и регионалните институции:",
    "recommendations": [
        "Регионалните схеми за подкрепа на износа трябва да бъдат прости, с един формуляр за кандидатстване и кратки срокове за решение.",
        "Фирмите, които правят първи стъпки в чужбина, следва да получават лични съвети от консултант по износ поне една година. Консултантът помага на фирмата да избере първия си целеви пазар и да подготви първата си оферта.",
        "Ваучери за изложения, пазарни проучвания и преводи трябва да бъдат достъпни и за микропредприятията.",
        "Регионите следва да споделят помежду си базите данни с купувачи и дистрибутори от чужбина.",
        "Обученията по износ трябва да бъдат свързани с конкретни бизнес планове и последвани от индивидуални консултации. Участниците, завършили курса, трябва да могат да представят фирмата си поне на един чужд език.",
        "Дигиталният маркетинг и онлайн продажбите заслужават приоритет, защото водят малките фирми бързо до клиенти в чужбина.",
        "Резултатите от публичната подкрепа следва да се измерват с едни и същи показатели във всички региони партньори.",
        "Клъстерите и търговските камари трябва да организират общи мисии, за да могат по-малките фирми да поделят разходите. Общ щанд на изложение може да струва на малката фирма по-малко от една четвърт от собствен щанд.",
        "Университетите следва да предлагат на студентите стажове във фирми износители, където да помагат с езици и проучвания.",
        "Управляващите органи трябва да запазят част от бюджета за 2021–2027 г. за пилотни действия, предложени от регионите.",
        "Добрите практики от други региони трябва първо да бъдат изпитани в малък мащаб и едва след това да бъдат пренесени изцяло. Пилотен период от една или две години показва дали практиката работи в новата среда.",
        "Отговорните за политиките следва да се срещат с предприемачите поне веднъж годишно, за да преглеждат предлаганата подкрепа.",
    ],
    "box_heading": "INTRA в цифри",
    "box": [
        "В проекта участват шест региона партньори от шест държави.",
        "Партньорите организираха 41 междурегионални събития и събраха 89 добри практики.",
        "Над 300 регионални заинтересовани страни участваха в местните срещи.",
        "Бюджетът на проекта е 1,6 млн. евро и се съфинансира от Европейския фонд за регионално развитие.",
    ],
    "next_heading": "Подготовка на плановете за действие",
    "next": [
        "Всеки регион завършва своя план за действие заедно с управляващия орган на оперативната програма.",
        "В Словения ще бъде въведена нова схема с ваучери за износ.",
        "В Североизточна България ще бъдат организирани курсове по износ за стартиращи фирми.",
        "Партньорите ще докладват за резултатите два пъти годишно до март 2021 г.",
    ],
    "closing_heading": "Контакти",
    "closing": (
        "Повече информация за проекта и партньорите има на www.interregeurope.eu/intra. "
        "Абонирайте се, за да получите следващия брой на е-бюлетина."
    ),
}

TEXTS["sl"] = {
    "title": "E-novice INTRA",
    "subtitle": "Številka 6 · december 2018",
    "header": "INTRA – Internacionalizacija regionalnih MSP",
    "footer": URL,
    "page": "Stran {n}",
    "intro": (
        "Šesta številka e-novic INTRA poroča o delu partnerjev v zadnjih šestih mesecih: o srečanju v Mariboru, "
        "o skupnih priporočilih za politike in o pripravi regionalnih akcijskih načrtov. Projekt pomaga malim "
        "in srednjim podjetjem iz šestih evropskih regij, da najdejo kupce zunaj domačih trgov."
    ),
    "caption": "Partnerji projekta na srečanju v Mariboru, december 2018",
    "sections": [
        {
            "heading": "Srečanje partnerjev v Mariboru",
            "sentences": [
                "Partnerji so se 11. in 12. decembra 2018 zbrali v Mariboru na sedmem medregionalnem srečanju projekta.",
                "Predstavniki vseh šestih regij so razpravljali o napredku akcijskih načrtov in o časovnici druge faze.",
                "Partnerji so se dogovorili, da bodo akcijske načrte oddali sekretariatu programa do konca marca 2019.",
                "Obisk dveh lokalnih izvoznikov je pokazal, kako vavčerji znižajo stroške prvega nastopa na tujem sejmu.",
            ],
        },
        {
            "heading": "Priročnik dobrih praks",
            "sentences": [
                "Priročnik zbira več kot osemdeset dobrih praks, ki podpirajo internacionalizacijo MSP.",
                "Vsako prakso je opisal njen lastnik, ki navaja proračun, ciljno skupino in dosežene rezultate.",
                "Izbor so potrdili deležniki v Vzhodni Sloveniji, Severovzhodni Bolgariji, Extremaduri, Algarveju, West Midlandsu in Abruzzu.",
                "Mnoge prakse združujejo izvozno usposabljanje z osebnim mentorstvom izkušenih podjetnikov.",
                "Več regij uporablja digitalne platforme, ki male dobavitelje povezujejo s tujimi kupci.",
                "Trgovinske misije, ki jih pripravijo skupaj z gospodarskimi zbornicami, ostajajo med najbolj priljubljenimi instrumenti.",
                "Celoten priročnik je na voljo na www.interregeurope.eu/intra.",
                "Oblikovalci politik lahko s priročnikom primerjajo instrumente in jih prilagodijo svojemu okolju.",
                "Prva faza projekta je trajala od 01.04.2016 do 31.03.2019.",
                "V drugi fazi, od aprila 2019 do marca 2021, bodo partnerji spremljali izvajanje akcijskih načrtov.",
                "Delavnice z zunanjimi strokovnjaki so partnerjem pomagale oceniti prednosti in slabosti posameznih instrumentov.",
                "Manjšim podjetjem pogosto primanjkuje zaposlenih in jezikovnega znanja za vstop na nove trge.",
                "Dostop do zanesljivih informacij o trgih je ena od ovir, ki jih podjetniki najpogosteje omenjajo.",
                "Sodelovanje med podpornimi organizacijami, univerzami in grozdi povečuje učinkovitost regionalne podpore.",
            ],
        },
    ],
    "bullets_lead": "Srečanje je bilo posvečeno:",
    "bullets": [
        "stanju regionalnih akcijskih načrtov,",
        "spremljanju sprememb politik v drugi fazi,",
        "izboru dobrih praks za končni priročnik,",
        "komunikacijskemu načrtu za leto 2019.",
    ],
    "list_heading": "Skupna priporočila za politike",
    "list_lead": "Na podlagi regionalnih analiz so partnerji sprejeli naslednja priporočila za evropske in regionalne oblikovalce politik:",
    "recommendations": [
        "Regionalne sheme za podporo internacionalizaciji morajo biti preproste, z enim prijavnim obrazcem in kratkimi roki odločanja.",
        "Podjetja, ki delajo prve korake v tujini, naj vsaj eno leto prejemajo osebne nasvete izvoznega svetovalca. Svetovalec podjetju pomaga izbrati prvi ciljni trg in pripraviti prvo ponudbo.",
        "Vavčerji za sejme, tržne raziskave in prevode naj bodo na voljo tudi mikro podjetjem.",
        "Regije naj si med seboj izmenjujejo zbirke podatkov o tujih kupcih in distributerjih.",
        "Izvozna usposabljanja naj bodo povezana s konkretnimi poslovnimi načrti, sledi pa naj jim individualno svetovanje. Udeleženci, ki zaključijo tečaj, naj znajo podjetje predstaviti vsaj v enem tujem jeziku.",
        "Digitalni marketing in spletna prodaja si zaslužita prednost, saj mala podjetja hitro pripeljeta do tujih kupcev.",
        "Rezultate javne podpore je treba v vseh partnerskih regijah meriti z enakimi kazalniki.",
        "Grozdi in gospodarske zbornice naj organizirajo skupne misije, da si manjša podjetja lahko delijo stroške. Skupna stojnica na sejmu lahko malo podjetje stane manj kot četrtino lastne stojnice.",
        "Univerze naj študentom ponujajo prakso v izvoznih podjetjih, kjer lahko pomagajo pri jezikih in raziskavah trga.",
        "Organi upravljanja naj del proračuna za obdobje 2021–2027 namenijo pilotnim ukrepom, ki jih predlagajo regije.",
        "Dobre prakse iz drugih regij je treba najprej preizkusiti v manjšem obsegu in jih šele nato v celoti prenesti. Eno- ali dveletno pilotno obdobje pokaže, ali praksa deluje v novem okolju.",
        "Oblikovalci politik naj se s podjetniki srečajo vsaj enkrat na leto in skupaj pregledajo ponudbo podpore.",
    ],
    "box_heading": "INTRA v številkah",
    "box": [
        "V projektu sodeluje šest partnerskih regij iz šestih držav.",
        "Partnerji so organizirali 41 medregionalnih dogodkov in zbrali 89 dobrih praks.",
        "Na lokalnih srečanjih je sodelovalo več kot 300 regionalnih deležnikov.",
        "Proračun projekta znaša 1,6 milijona evrov in ga sofinancira Evropski sklad za regionalni razvoj.",
    ],
    "next_heading": "Priprava akcijskih načrtov",
    "next": [
        "Vsaka regija zdaj zaključuje svoj akcijski načrt skupaj z organom upravljanja operativnega programa.",
        "V Sloveniji bo uvedena nova shema vavčerjev za internacionalizacijo.",
        "V Severovzhodni Bolgariji bodo organizirani izvozni tečaji za zagonska podjetja.",
        "Partnerji bodo o rezultatih poročali dvakrat na leto do marca 2021.",
    ],
    "closing_heading": "Kontakt",
    "closing": (
        "Več informacij o projektu in partnerjih je na voljo na www.interregeurope.eu/intra. "
        "Naročite se na naslednjo številko e-novic."
    ),
}

TEXTS["es"] = {
    "title": "Boletín electrónico INTRA",
    "subtitle": "Número 6 · diciembre de 2018",
    "header": "INTRA – Internacionalización de las pymes regionales",
    "footer": URL,
    "page": "Página {n}",
    "intro": (
        "Este sexto número del boletín INTRA presenta el trabajo de los socios durante los últimos seis meses: "
        "la reunión de Maribor, las recomendaciones conjuntas de política y la preparación de los planes de "
        "acción regionales. El proyecto ayuda a las pequeñas y medianas empresas de seis regiones europeas a "
        "encontrar clientes fuera de sus mercados de origen."
    ),
    "caption": "Los socios del proyecto en la reunión de Maribor, diciembre de 2018",
    "sections": [
        {
            "heading": "Reunión de socios en Maribor",
            "sentences": [
                "Los días 11 y 12 de diciembre de 2018 los socios se reunieron en Maribor, Eslovenia, en el séptimo encuentro interregional del proyecto.",
                "Representantes de las seis regiones analizaron el avance de los planes de acción y el calendario de la segunda fase.",
                "Los socios acordaron presentar los planes de acción a la secretaría del programa antes de finales de marzo de 2019.",
                "La visita a dos empresas exportadoras locales mostró cómo los bonos reducen el coste de la primera feria en el extranjero.",
            ],
        },
        {
            "heading": "Manual de buenas prácticas",
            "sentences": [
                "El manual reúne más de ochenta buenas prácticas que apoyan la internacionalización de las pymes.",
                "Cada práctica está descrita por su responsable, que indica el presupuesto, el grupo destinatario y los resultados obtenidos.",
                "Los agentes de Eslovenia Oriental, Bulgaria del Nordeste, Extremadura, el Algarve, West Midlands y los Abruzos validaron la selección.",
                "Muchas prácticas combinan la formación en exportación con la tutoría personal de empresarios con experiencia.",
                "Varias regiones utilizan plataformas digitales para poner en contacto a pequeños proveedores con compradores extranjeros.",
                "Las misiones comerciales organizadas con las cámaras de comercio siguen siendo uno de los instrumentos más solicitados.",
                "El manual completo puede descargarse en www.interregeurope.eu/intra.",
                "Los responsables políticos pueden comparar los instrumentos y adaptarlos a su propio territorio.",
                "La primera fase del proyecto se desarrolló del 01.04.2016 al 31.03.2019.",
                "Durante la segunda fase, de abril de 2019 a marzo de 2021, los socios seguirán la ejecución de los planes de acción.",
                "Los talleres con expertos externos ayudaron a los socios a valorar los puntos fuertes y débiles de cada instrumento.",
                "A las empresas más pequeñas les suelen faltar personal y conocimientos de idiomas para entrar en nuevos mercados.",
                "El acceso a información fiable sobre los mercados es uno de los obstáculos que más citan los empresarios.",
                "La cooperación entre organizaciones empresariales, universidades y clústeres hace más eficaz el apoyo regional.",
            ],
        },
    ],
    "bullets_lead": "La reunión se centró en:",
    "bullets": [
        "el estado de los planes de acción regionales;",
        "el seguimiento de los cambios de política en la segunda fase;",
        "la selección de buenas prácticas para el manual final;",
        "el plan de comunicación para 2019.",
    ],
    "list_heading": "Recomendaciones conjuntas de política",
    "list_lead": "A partir de los análisis regionales, los socios acordaron las siguientes recomendaciones para los responsables políticos europeos y regionales:",
    "recommendations": [
        "Los programas regionales de apoyo a la internacionalización deben ser sencillos, con un único formulario de solicitud y plazos de resolución cortos.",
        "Las pymes que dan sus primeros pasos en el exterior deberían recibir asesoramiento personal de un consultor de exportación durante al menos un año. El consultor ayuda a la empresa a elegir su primer mercado de destino y a preparar su primera oferta.",
        "Los bonos para ferias, estudios de mercado y traducciones deben estar también al alcance de las microempresas.",
        "Las regiones deberían compartir entre sí sus bases de datos de compradores y distribuidores extranjeros.",
        "La formación en exportación debe vincularse a planes de negocio concretos y completarse con asesoramiento individual. Quienes terminen un curso deberían poder presentar su empresa al menos en un idioma extranjero.",
        "El marketing digital y la venta en línea merecen prioridad, porque acercan rápidamente a las pequeñas empresas a clientes extranjeros.",
        "Los resultados del apoyo público deberían medirse con los mismos indicadores en todas las regiones socias.",
        "Los clústeres y las cámaras de comercio deben organizar misiones conjuntas para que las empresas más pequeñas compartan los costes. Un estand compartido en una feria puede costar a una pequeña empresa menos de la cuarta parte de un estand propio.",
        "Las universidades deberían ofrecer a los estudiantes prácticas en pymes exportadoras, donde puedan ayudar con idiomas y estudios de mercado.",
        "Las autoridades de gestión deben reservar parte del presupuesto 2021–2027 para acciones piloto propuestas por las regiones.",
        "Las buenas prácticas de otras regiones deberían probarse primero a pequeña escala antes de transferirse por completo. Un periodo piloto de uno o dos años muestra si la práctica funciona en el nuevo contexto.",
        "Los responsables políticos deberían reunirse con los empresarios al menos una vez al año para revisar la oferta de apoyo.",
    ],
    "box_heading": "INTRA en cifras",
    "box": [
        "En el proyecto participan seis regiones socias de seis países.",
        "Los socios organizaron 41 eventos interregionales y recopilaron 89 buenas prácticas.",
        "Más de 300 agentes regionales participaron en las reuniones locales.",
        "El presupuesto del proyecto es de 1,6 millones de euros, cofinanciado por el Fondo Europeo de Desarrollo Regional.",
    ],
    "next_heading": "Preparación de los planes de acción",
    "next": [
        "Cada región está ultimando su plan de acción junto con la autoridad de gestión de su programa operativo.",
        "En Eslovenia se introducirá un nuevo sistema de bonos para la internacionalización.",
        "En Bulgaria del Nordeste se organizarán cursos de exportación para empresas emergentes.",
        "Los socios informarán sobre los resultados dos veces al año hasta marzo de 2021.",
    ],
    "closing_heading": "Contacto",
    "closing": (
        "Encontrará más información sobre el proyecto y sus socios en www.interregeurope.eu/intra. "
        "Suscríbase para recibir el próximo número del boletín."
    ),
}

TEXTS["pt"] = {
    "title": "Boletim eletrónico INTRA",
    "subtitle": "Número 6 · dezembro de 2018",
    "header": "INTRA – Internacionalização das PME regionais",
    "footer": URL,
    "page": "Página {n}",
    "intro": (
        "Este sexto número do boletim INTRA apresenta o trabalho dos parceiros nos últimos seis meses: a reunião "
        "de Maribor, as recomendações conjuntas de política e a preparação dos planos de ação regionais. O projeto "
        "ajuda as pequenas e médias empresas de seis regiões europeias a encontrar clientes fora dos seus "
        "mercados de origem."
    ),
    "caption": "Os parceiros do projeto na reunião de Maribor, dezembro de 2018",
    "sections": [
        {
            "heading": "Reunião de parceiros em Maribor",
            "sentences": [
                "Nos dias 11 e 12 de dezembro de 2018 os parceiros reuniram-se em Maribor, na Eslovénia, no sétimo encontro inter-regional do projeto.",
                "Representantes das seis regiões analisaram o progresso dos planos de ação e o calendário da segunda fase.",
                "Os parceiros acordaram entregar os planos de ação ao secretariado do programa até ao final de março de 2019.",
                "A visita a duas empresas exportadoras locais mostrou como os vales reduzem o custo da primeira feira no estrangeiro.",
            ],
        },
        {
            "heading": "Manual de boas práticas",
            "sentences": [
                "O manual reúne mais de oitenta boas práticas de apoio à internacionalização das PME.",
                "Cada prática é descrita pelo seu responsável, que indica o orçamento, o público-alvo e os resultados alcançados.",
                "Os agentes da Eslovénia Oriental, do Nordeste da Bulgária, da Estremadura, do Algarve, de West Midlands e de Abruzzo validaram a seleção.",
                "Muitas práticas combinam formação em exportação com mentoria pessoal por empresários experientes.",
                "Várias regiões utilizam plataformas digitais para ligar pequenos fornecedores a compradores estrangeiros.",
                "As missões empresariais organizadas com as câmaras de comércio continuam a ser um dos instrumentos mais procurados.",
                "O manual completo pode ser descarregado em www.interregeurope.eu/intra.",
                "Os decisores políticos podem comparar os instrumentos e adaptá-los ao seu próprio território.",
                "A primeira fase do projeto decorreu de 01.04.2016 a 31.03.2019.",
                "Na segunda fase, de abril de 2019 a março de 2021, os parceiros vão acompanhar a execução dos planos de ação.",
                "Os workshops com peritos externos ajudaram os parceiros a avaliar os pontos fortes e fracos de cada instrumento.",
                "As empresas mais pequenas têm muitas vezes falta de pessoal e de competências linguísticas para entrar em novos mercados.",
                "O acesso a informação fiável sobre os mercados é um dos obstáculos mais referidos pelos empresários.",
                "A cooperação entre associações empresariais, universidades e clusters torna o apoio regional mais eficaz.",
            ],
        },
    ],
    "bullets_lead": "A reunião centrou-se em:",
    "bullets": [
        "o estado dos planos de ação regionais;",
        "o acompanhamento das alterações de política na segunda fase;",
        "a seleção de boas práticas para o manual final;",
        "o plano de comunicação para 2019.",
    ],
    "list_heading": "Recomendações conjuntas de política",
    "list_lead": "Com base nas análises regionais, os parceiros aprovaram as seguintes recomendações para os decisores europeus e regionais:",
    "recommendations": [
        "Os regimes regionais de apoio à internacionalização devem ser simples, com um único formulário de candidatura e prazos de decisão curtos.",
        "As PME que dão os primeiros passos no estrangeiro devem receber aconselhamento pessoal de um consultor de exportação durante pelo menos um ano. O consultor ajuda a empresa a escolher o seu primeiro mercado-alvo e a preparar a sua primeira proposta.",
        "Os vales para feiras, estudos de mercado e traduções devem estar também ao alcance das microempresas.",
        "As regiões devem partilhar entre si as suas bases de dados de compradores e distribuidores estrangeiros.",
        "A formação em exportação deve estar ligada a planos de negócio concretos e ser seguida de aconselhamento individual. Quem concluir um curso deve conseguir apresentar a sua empresa em pelo menos uma língua estrangeira.",
        "O marketing digital e as vendas online merecem prioridade, porque levam rapidamente as pequenas empresas a clientes estrangeiros.",
        "Os resultados do apoio público devem ser medidos com os mesmos indicadores em todas as regiões parceiras.",
        "Os clusters e as câmaras de comércio devem organizar missões conjuntas para que as empresas mais pequenas partilhem os custos. Um stand partilhado numa feira pode custar a uma pequena empresa menos de um quarto de um stand próprio.",
        "As universidades devem oferecer aos estudantes estágios em PME exportadoras, onde possam ajudar com línguas e estudos de mercado.",
        "As autoridades de gestão devem reservar parte do orçamento 2021–2027 para ações-piloto propostas pelas regiões.",
        "As boas práticas de outras regiões devem ser testadas primeiro em pequena escala e só depois transferidas por inteiro. Um período-piloto de um ou dois anos mostra se a prática funciona no novo contexto.",
        "Os decisores políticos devem reunir-se com os empresários pelo menos uma vez por ano para rever a oferta de apoio.",
    ],
    "box_heading": "O INTRA em números",
    "box": [
        "Participam no projeto seis regiões parceiras de seis países.",
        "Os parceiros organizaram 41 eventos inter-regionais e recolheram 89 boas práticas.",
        "Mais de 300 agentes regionais participaram nas reuniões locais.",
        "O orçamento do projeto é de 1,6 milhões de euros, cofinanciado pelo Fundo Europeu de Desenvolvimento Regional.",
    ],
    "next_heading": "Preparação dos planos de ação",
    "next": [
        "Cada região está a concluir o seu plano de ação em conjunto com a autoridade de gestão do seu programa operacional.",
        "Na Eslovénia será introduzido um novo regime de vales para a internacionalização.",
        "No Nordeste da Bulgária serão organizadas ações de formação em exportação para empresas em fase de arranque.",
        "Os parceiros vão comunicar os resultados duas vezes por ano até março de 2021.",
    ],
    "closing_heading": "Contactos",
    "closing": (
        "Mais informações sobre o projeto e os parceiros estão disponíveis em www.interregeurope.eu/intra. "
        "Subscreva o boletim para receber o próximo número."
    ),
}

TEXTS["it"] = {
    "title": "Newsletter INTRA",
    "subtitle": "Numero 6 · dicembre 2018",
    "header": "INTRA – Internazionalizzazione delle PMI regionali",
    "footer": URL,
    "page": "Pagina {n}",
    "intro": (
        "Questo sesto numero della newsletter INTRA presenta il lavoro dei partner negli ultimi sei mesi: "
        "l'incontro di Maribor, le raccomandazioni comuni sulle politiche e la preparazione dei piani d'azione "
        "regionali. Il progetto aiuta le piccole e medie imprese di sei regioni europee a trovare clienti al di "
        "fuori dei mercati nazionali."
    ),
    "caption": "I partner del progetto all'incontro di Maribor, dicembre 2018",
    "sections": [
        {
            "heading": "Incontro dei partner a Maribor",
            "sentences": [
                "L'11 e il 12 dicembre 2018 i partner si sono riuniti a Maribor, in Slovenia, per il settimo incontro interregionale del progetto.",
                "I rappresentanti delle sei regioni hanno discusso l'avanzamento dei piani d'azione e il calendario della seconda fase.",
                "I partner hanno concordato di presentare i piani d'azione al segretariato del programma entro la fine di marzo 2019.",
                "La visita a due imprese esportatrici locali ha mostrato come i voucher riducano il costo della prima fiera all'estero.",
            ],
        },
        {
            "heading": "Manuale delle buone pratiche",
            "sentences": [
                "Il manuale raccoglie più di ottanta buone pratiche a sostegno dell'internazionalizzazione delle PMI.",
                "Ogni pratica è descritta dal suo titolare, che indica il bilancio, il gruppo destinatario e i risultati ottenuti.",
                "Gli attori della Slovenia orientale, della Bulgaria nord-orientale, dell'Estremadura, dell'Algarve, delle West Midlands e dell'Abruzzo hanno convalidato la selezione.",
                "Molte pratiche uniscono la formazione all'export con il tutoraggio personale di imprenditori esperti.",
                "Diverse regioni usano piattaforme digitali per mettere in contatto piccoli fornitori e acquirenti esteri.",
                "Le missioni commerciali organizzate con le camere di commercio restano tra gli strumenti più richiesti.",
                "Il manuale completo si può scaricare da www.interregeurope.eu/intra.",
                "I decisori politici possono confrontare gli strumenti e adattarli al proprio territorio.",
                "La prima fase del progetto si è svolta dal 01.04.2016 al 31.03.2019.",
                "Nella seconda fase, da aprile 2019 a marzo 2021, i partner seguiranno l'attuazione dei piani d'azione.",
                "I workshop con esperti esterni hanno aiutato i partner a valutare i punti di forza e di debolezza di ciascuno strumento.",
                "Alle imprese più piccole mancano spesso il personale e le competenze linguistiche per entrare in nuovi mercati.",
                "L'accesso a informazioni affidabili sui mercati è uno degli ostacoli citati più spesso dagli imprenditori.",
                "La cooperazione tra associazioni di imprese, università e cluster rende più efficace il sostegno regionale.",
            ],
        },
    ],
    "bullets_lead": "L'incontro si è concentrato su:",
    "bullets": [
        "lo stato dei piani d'azione regionali;",
        "il monitoraggio dei cambiamenti delle politiche nella seconda fase;",
        "la scelta delle buone pratiche per il manuale finale;",
        "il piano di comunicazione per il 2019.",
    ],
    "list_heading": "Raccomandazioni comuni sulle politiche",
    "list_lead": "Sulla base delle analisi regionali, i partner hanno approvato le seguenti raccomandazioni per i decisori europei e regionali:",
    "recommendations": [
        "I regimi regionali di sostegno all'internazionalizzazione devono essere semplici, con un unico modulo di domanda e tempi di decisione brevi.",
        "Le PMI che muovono i primi passi all'estero dovrebbero ricevere la consulenza personale di un esperto di export per almeno un anno. Il consulente aiuta l'impresa a scegliere il primo mercato di destinazione e a preparare la prima offerta.",
        "I voucher per fiere, studi di mercato e traduzioni devono essere accessibili anche alle microimprese.",
        "Le regioni dovrebbero condividere tra loro le banche dati di acquirenti e distributori esteri.",
        "La formazione all'export deve essere collegata a piani aziendali concreti e seguita da una consulenza individuale. Chi completa un corso dovrebbe saper presentare la propria impresa almeno in una lingua straniera.",
        "Il marketing digitale e la vendita online meritano la priorità, perché portano rapidamente le piccole imprese verso clienti esteri.",
        "I risultati del sostegno pubblico dovrebbero essere misurati con gli stessi indicatori in tutte le regioni partner.",
        "I cluster e le camere di commercio devono organizzare missioni comuni, così che le imprese più piccole possano dividere i costi. Uno stand condiviso in fiera può costare a una piccola impresa meno di un quarto di uno stand proprio.",
        "Le università dovrebbero offrire agli studenti tirocini nelle PMI esportatrici, dove possano aiutare con le lingue e le ricerche di mercato.",
        "Le autorità di gestione devono riservare parte del bilancio 2021–2027 ad azioni pilota proposte dalle regioni.",
        "Le buone pratiche di altre regioni dovrebbero essere sperimentate prima su piccola scala e solo dopo trasferite per intero. Un periodo pilota di uno o due anni mostra se la pratica funziona nel nuovo contesto.",
        "I decisori politici dovrebbero incontrare gli imprenditori almeno una volta all'anno per rivedere l'offerta di sostegno.",
    ],
    "box_heading": "INTRA in cifre",
    "box": [
        "Al progetto partecipano sei regioni partner di sei paesi.",
        "I partner hanno organizzato 41 eventi interregionali e raccolto 89 buone pratiche.",
        "Oltre 300 attori regionali hanno preso parte agli incontri locali.",
        "Il bilancio del progetto è di 1,6 milioni di euro, cofinanziato dal Fondo europeo di sviluppo regionale.",
    ],
    "next_heading": "Preparazione dei piani d'azione",
    "next": [
        "Ogni regione sta completando il proprio piano d'azione insieme all'autorità di gestione del programma operativo.",
        "In Slovenia sarà introdotto un nuovo regime di voucher per l'internazionalizzazione.",
        "Nella Bulgaria nord-orientale saranno organizzati corsi sull'export per le imprese start-up.",
        "I partner riferiranno sui risultati due volte all'anno fino a marzo 2021.",
    ],
    "closing_heading": "Contatti",
    "closing": (
        "Maggiori informazioni sul progetto e sui partner sono disponibili su www.interregeurope.eu/intra. "
        "Iscrivetevi per ricevere il prossimo numero della newsletter."
    ),
}

LANGUAGES = tuple(TEXTS)


def check_texts(texts: dict[str, dict] = TEXTS) -> dict[str, list[str]]:
    """Missing or empty keys per language (empty dict when all are complete)."""
    problems: dict[str, list[str]] = {}
    for lang, entry in texts.items():
        missing = [key for key in REQUIRED if not entry.get(key)]
        if "{n}" not in entry.get("page", ""):
            missing.append("page ({n} placeholder)")
        if missing:
            problems[lang] = missing
    return problems
