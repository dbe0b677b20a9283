/**
 * What people write in the demo's mentoring: the mentors' offers and the threads of their mentorships (the
 * request, the mentor's question, the conversation, the last words), decline notes and private feedback. English
 * for most pairs; Vietnamese, Indonesian and Japanese for pairs who share only that language. `{placeholders}` are
 * filled in by mentoring.ts from the two people's profiles (see `Fill`).
 */

/** The language a thread is written in. */
export type ThreadLanguage = 'en' | 'vi' | 'id' | 'ja';

/**
 * What a template may use. `mentor` and `mentee` are how the other would call them (a given name, a family name
 * with -san for a Japanese mentor in English); Vietnamese adds the mentor's pronoun (`mt` anh/chị, capitalised
 * `Mt`), Indonesian the honorific (`pak` Pak/Bu, `bapak` Bapak/Ibu).
 */
export interface Fill {
	mentor: string;
	mentee: string;
	region: string;
	business: string;
	sector: string;
	field: string;
	prefecture: string;
	years: string;
	topic: string;
	mt: string;
	Mt: string;
	pak: string;
	bapak: string;
}

/** A thread from the request to the last words. */
export interface Script {
	/** The mentee's goal, one line. */
	goal: string;
	/** The mentee's first message, sent with the request. */
	request: string;
	/** The mentor's question before accepting (ask_info). */
	question: string;
	/** The mentee's answer to it. */
	reply: string;
	/** After the mentor accepts, alternately: mentor, mentee, mentor, … */
	talk: readonly string[];
	/** Last words before both confirm completion: the mentee's, then the mentor's. */
	close: readonly [string, string];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Fill): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
		const value = (values as unknown as Record<string, string | undefined>)[key];
		if (value === undefined) throw new Error(`mentoring text: no value for ${whole}`);
		return value;
	});
}

const CLOSE_EN: readonly [string, string] = [
	'I think we can call this done: I have what I came for. Thank you for your time these weeks, {mentor}. I will confirm completion now.',
	'It was a pleasure, {mentee}. You did the hard part yourself. Confirmed on my side too; write any time you want to tell me how it goes.',
];

/** English threads by theme (see `scriptFor` in mentoring.ts for which topic gets which). */
export const SCRIPTS_EN: Record<string, Script> = {
	financing: {
		goal: 'Prepare {business} for its first loan',
		request:
			'Hello {mentor}, I run {business} in {region}. We have more orders than we can make, and I need money for a second machine. The bank asked for collateral that I do not have, and my savings from Japan are almost gone. Could you help me prepare before I talk to lenders again?',
		question:
			'Thanks for writing, {mentee}. Before I say yes: roughly how much do you need, and do you keep monthly accounts for {business}? Simple ones are fine.',
		reply:
			'About the price of one used machine, so not a big loan. I have a notebook with every sale since we started, and the bank statements of the last eight months.',
		talk: [
			'Good: that notebook is worth more than you think. Type the last six months into a simple sheet (sales, costs, what you paid yourself) and send me the totals. Then we look at it together.',
			'Here they are: sales went up every month except August, costs are about 60 % of sales. I never paid myself a fixed salary. Is that a problem?',
			'Not a problem, but lenders will ask. Decide on a salary, even a small one, and pay it from next month. And ask two lenders, not one: your bank and a microfinance lender that knows returnees.',
			'I met the microfinance officer yesterday. They want a cash-flow plan for twelve months. I started one, but I do not know what to write for the rainy season.',
			'Put the slow months in honestly and show how you will get through them: savings, smaller orders. A plan with the bad months in it is easier to believe than one that only goes up.',
			'Thank you. I will finish it this week and send it to you before I hand it in.',
		],
		close: [
			'The loan was approved! Smaller than I asked, but enough for the machine. Thank you for everything, {mentor}; I will confirm completion now.',
			'Well done, {mentee}, that was your work. Keep the monthly sheet going and the next loan will be easier. Confirmed on my side.',
		],
	},
	registration: {
		goal: 'Register my {sector} business and get the licences it needs',
		request:
			'Hi {mentor}, I came back from {prefecture} and want to open a small {sector} business in {region}. I do not understand what to register first, and an agent offered to do everything for a big fee. How did you do it?',
		question:
			'Happy to help. Is it just you, or do you have a partner? That changes which kind of business you should register.',
		reply: 'Just me for now. My cousin may join next year.',
		talk: [
			'Then start simple: register as a sole business first. It is cheaper and quicker, and you can become a company when your cousin joins. Do not pay the agent; the district office has a checklist.',
			'I went to the office today and got the list. They want a lease contract for the place, and I only have a spoken agreement with the owner.',
			'Ask the owner for a one-page written lease, even for one year, and offer to pay the stamp duty. Without it you will be stuck.',
			'He agreed! I handed everything in this morning. They said ten working days.',
			'While you wait, open a separate bank account for the business. Mixing my own money with the business money was my biggest mistake in the first year.',
			'Opened it today. And I am glad I did not pay that agent.',
		],
		close: [
			'The licence is on the wall! Thank you for walking me through it, {mentor}. Confirming completion.',
			'Congratulations, {mentee}! Send me a photo of your first customer. Confirmed on my side.',
		],
	},
	marketing: {
		goal: 'Find steady customers for {business}',
		request:
			'Hello {mentor}, {business} has been open for eight months. Our quality is good (I learned that in Japan), but most customers are still friends and family. I post on Facebook and nothing happens. How did you find your first real customers?',
		question:
			'Hi {mentee}. Who is your ideal customer: people nearby, or other businesses? The answer changes everything.',
		reply: 'Mostly people nearby, but a company in town asked once about a monthly contract.',
		talk: [
			'That company is your lead. One steady business customer is worth more than fifty likes. Go and see them with a free trial and a price for a monthly contract.',
			'I visited them on Monday. The manager liked the trial but said our price is higher than others in town.',
			'Do not cut the price first. Tell them what is different: on time, every time, the same quality every week. That is what Japanese customers taught me: reliability sells.',
			'I offered them two weeks at the normal price and kept every promise. They just signed a monthly contract!',
			'Excellent. Now ask whether you may name them as a customer when you visit the next company.',
			'Good idea, I will ask them tomorrow.',
		],
		close: [
			'We now have three business customers. Thank you for pushing me to knock on doors, {mentor}. Confirming completion.',
			'Great result, {mentee}. Keep delivering on time and they will bring you the next ones. Confirmed.',
		],
	},
	operations: {
		goal: 'Bring 5S and quality checks into my workshop',
		request:
			'Dear {mentor}, I worked {years} years in {field} in {prefecture} and I want my workshop to run like the factory did: clean, safe, no rework. My staff think 5S is just cleaning. How did you bring it in at home?',
		question: 'How many people work with you, and what goes wrong most often today?',
		reply:
			'Four people. We lose a lot of time looking for tools, and some parts come back from customers.',
		talk: [
			'Start with the tools, not with a speech about 5S. Make a shadow board together with your staff and let them decide where each tool lives. When they see the time they save, they will believe the rest.',
			'We made the board last weekend and already search less. One worker asked if we could do the same for the materials.',
			'That is the moment it becomes theirs. For the returns: write down every returned part for a month, what and why, without blaming anyone. Just count.',
			'After three weeks, most returns are the same dimension. Our old gauge is worn.',
			'There you are: a cheap fix. Replace the gauge and check it every week. That is kaizen: small, real, measured.',
			'Replaced it. No returns this week. Thank you!',
		],
		close: CLOSE_EN,
	},
	hiring: {
		goal: 'Hire and train my first two employees',
		request:
			'Hi {mentor}, {business} needs two more people, but I have never hired anyone. In Japan my senpai trained me step by step and I want to do it the same way. Where do I start with contracts and pay?',
		question: 'What will the two people do, and can you pay them for a trial month?',
		reply: 'One in production, one for delivery and sales. Yes, I can pay a trial month.',
		talk: [
			'Write each job down in five lines: tasks, hours, pay, who they report to. It sounds simple, but it prevents most arguments later.',
			'Done. I want to ask returnees first: they already know about being on time.',
			'Good idea; post it in the returnee groups here. Give them a written contract, even a short one, and pay on the same day every month. People remember that.',
			'I found someone, a returnee who also worked in {prefecture}. She starts on Monday.',
			'Work next to her yourself for the first two weeks, the way your senpai did. Then let her train the second person.',
			'That is exactly what I will do.',
		],
		close: CLOSE_EN,
	},
	japan: {
		goal: 'Become a reliable supplier to a Japanese company',
		request:
			'Hello {mentor}, a Japanese company I know from my time in {prefecture} asked if {business} could supply them. I am excited, but worried about what they expect: quality documents, delivery dates, how to write to them. Could you guide me?',
		question: 'Gladly. What would they buy, and what have they asked you for so far?',
		reply: 'A trading company in Osaka. So far they asked for a sample and a quotation.',
		talk: [
			'Send the sample with a short inspection sheet: what you measured, the results, your name. Japanese buyers trust numbers more than promises.',
			'I made the sheet. For the quotation, should I give my best price straight away?',
			'Give a fair price with a validity date and a delivery time, and never promise a date you are not sure of. Being late once costs more than a higher price.',
			'They answered: the sample is fine, but they want packaging like in Japan.',
			'That is normal. Ask them for a photo of the packaging they expect and copy it exactly. Small details matter to them.',
			'I sent the second sample with the new packaging today. Fingers crossed!',
		],
		close: [
			'We received our first order, and it arrived on time. Thank you, {mentor}. Confirming completion.',
			'Congratulations, {mentee}. Keep the inspection sheet with every delivery. Confirmed on my side.',
		],
	},
	home_in_japan: {
		goal: 'Plan my return home and use what I learned in Japan',
		request:
			'Hello {mentor}, I work in {field} in {prefecture} and my contract ends next year. I am saving, but I do not know what to do at home: work for a Japanese company there, or start something of my own. You went home already: what would you do differently?',
		question:
			'Good that you start early. How long until you go home, and roughly how much have you saved?',
		reply: 'About ten months. I have saved around 1.2 million yen, but my family needs part of it.',
		talk: [
			'Then decide now how much is for your family and how much is for your plans, and write it down. Many of us came home and the money was gone in six months.',
			'That is what happened to my cousin. I will keep 60 % separate.',
			'Good. Before you leave, ask your company for a reference letter and copies of your certificates. Japanese companies at home ask for them.',
			'I asked my supervisor today and he said yes. Which companies at home hire returnees?',
			'Look at the Japanese companies in the industrial zones near {region}, and at the organisations on this portal. I will introduce you to a friend who hires returnees.',
			'Thank you so much, that would help a lot.',
		],
		close: CLOSE_EN,
	},
	home_back: {
		goal: 'Find work at home that uses what I learned in Japan',
		request:
			'Hi {mentor}, I came back from {prefecture} after {years} years in {field}. I have sent many applications, but companies here do not understand what I did in Japan. How did you explain your experience?',
		question: 'What exactly did you do on a normal day in Japan? Be specific.',
		reply:
			'I worked to the written standards of our line, checked quality every hour, and led the morning 5S check for a team of eight.',
		talk: [
			'That is good experience; you just need to write it like that, with numbers: "hourly quality checks, daily 5S lead for a team of eight". Rewrite your summary that way and send it to me.',
			'New version: "{field}, {years} years in {prefecture}: work to written standards, hourly quality checks, daily 5S lead for a team of eight." Better?',
			'Much better. Put your JLPT level and your skills test at the top: Japanese companies here filter on those.',
			'I have an interview with a Japanese company next Tuesday!',
			'Prepare one story about a problem you solved in Japan. They always ask.',
			'I will. Thank you!',
		],
		close: [
			'I got the job: supervisor trainee. Thank you for your help with the CV and the interview, {mentor}. Confirming completion.',
			'Congratulations, {mentee}! You earned it. Confirmed on my side.',
		],
	},
	going: {
		goal: 'Go to Japan with a fair employer and no debt',
		request:
			'Hello {mentor}, I am preparing for the SSW test. An agency in {region} says I must pay 3,500 USD for placement and training. Friends paid less. Is this normal? I do not want to start with a debt.',
		question:
			'Which programme, SSW or technical intern training, and did they give you anything in writing?',
		reply: 'SSW. They gave me a price list but no contract yet.',
		talk: [
			'Do not pay anything before you have the contract and have checked the agency\u2019s licence. For SSW you can also apply to employers directly; you do not always need an agency.',
			'I checked: the agency is licensed, but the fee includes "guarantee money" that they keep until I come back.',
			'Deposits like that are not allowed. That is a red flag: walk away. There are honest agencies, and the organisations on this portal can name some.',
			'Thank you. I found another agency with a lower fee and everything in writing.',
			'Good. Keep copies of everything, and save the number of the support centre for foreign workers in your phone before you fly.',
			'I will. My test is in March.',
		],
		close: [
			'I passed the test and signed with the new agency, with no deposit. Thank you, {mentor}! Confirming completion.',
			'Wonderful news, {mentee}. Ganbatte, and write to me from Japan. Confirmed.',
		],
	},
	sector: {
		goal: 'Start a small {sector} business in {region}',
		request:
			'Hi {mentor}, I worked {years} years in {field} in {prefecture}. Now I want to start a small {sector} business in {region}. I have some savings and an idea, but I do not know if it will work. You did something similar: could you look at my plan?',
		question: 'Sure. What will you sell, to whom, and what do you think it costs to start?',
		reply:
			'I want to start small, with two people, selling to shops and neighbours first. I think I need about 4,000 USD to start.',
		talk: [
			'Start smaller than you think and test with real customers before you buy equipment. What you learned in Japan about quality is your advantage, but only if people can try it.',
			'I will run a trial for a month from home, with ten regular customers.',
			'Good. Keep a simple record every day: what you made, what sold, what came back. After a month you will know much more.',
			'After three weeks, eight of the ten order again every week!',
			'That is a real signal. Now we can talk about equipment and a small loan.',
			'Great, let us talk next week.',
		],
		close: CLOSE_EN,
	},
};

/** Vietnamese threads: a business question, and planning the return from Japan. */
export const SCRIPTS_VI: Record<string, Script> = {
	business: {
		goal: 'Xin lời khuyên về {topic} cho {business}',
		request:
			'Chào {mt} {mentor}, em là {mentee}. Em về nước sau {years} năm làm việc ở {prefecture}. Hiện em đang làm {business} ở {region} và cần lời khuyên về {topic}. {Mt} có thể hướng dẫn em được không ạ?',
		question:
			'Chào em. Em cho {mt} biết thêm: em đã có giấy phép kinh doanh chưa, và em muốn được hỗ trợ trong bao lâu?',
		reply: 'Dạ em có giấy phép rồi ạ. Em nghĩ khoảng ba tháng là đủ.',
		talk: [
			'{Mt} đọc rồi. Trước hết em gửi cho {mt} số liệu ba tháng gần nhất: doanh thu, chi phí, lãi. Có số liệu thì mới bàn cụ thể được.',
			'Dạ, doanh thu khoảng 45 triệu một tháng, chi phí 32 triệu. Tháng 9 giảm vì mưa nhiều ạ.',
			'Năm đầu như vậy là ổn. Em cứ làm đúng như ở Nhật: ghi chép hằng ngày, cải tiến từng chút một. Mỗi tuần chọn một việc để làm tốt hơn.',
			'Tuần này em sắp xếp lại kho theo 5S, nhân viên tìm đồ nhanh hơn hẳn.',
			'Tốt lắm! Tuần sau mình gọi video để bàn kế hoạch quý tới nhé.',
			'Dạ vâng, em cảm ơn {mt} nhiều ạ.',
		],
		close: [
			'Em cảm ơn {mt} {mentor} đã đồng hành cùng em thời gian qua. Em xác nhận hoàn thành ạ.',
			'Chúc em thành công! Có gì cứ nhắn {mt} nhé. {Mt} cũng xác nhận rồi.',
		],
	},
	home_in_japan: {
		goal: 'Chuẩn bị về nước và dùng kỹ năng học ở Nhật',
		request:
			'Chào {mt} {mentor}, em đang làm việc ở {prefecture}, năm sau hết hợp đồng. Em muốn chuẩn bị về nước từ sớm: nên tìm việc ở công ty Nhật tại Việt Nam hay tự kinh doanh? Mong {mt} cho em lời khuyên ạ.',
		question: 'Chào em. Còn bao lâu nữa em về, và em đã để dành được khoảng bao nhiêu rồi?',
		reply:
			'Dạ còn khoảng mười tháng. Em để dành được khoảng 1,2 triệu yên, nhưng gia đình cũng cần một phần ạ.',
		talk: [
			'Việc đầu tiên: quyết định ngay bây giờ bao nhiêu để gửi gia đình, bao nhiêu để dành cho kế hoạch của em, và ghi lại. Nhiều người về nước tiêu hết trong sáu tháng đầu.',
			'Dạ, em sẽ để riêng 60% ạ.',
			'Trước khi về, em xin công ty giấy giới thiệu và bản sao các chứng chỉ. Công ty Nhật ở Việt Nam rất hay hỏi.',
			'Hôm nay em đã hỏi tổ trưởng, anh ấy đồng ý rồi ạ.',
			'Tốt. {Mt} sẽ giới thiệu em với một người bạn đang tuyển người từ Nhật về.',
			'Em cảm ơn {mt} nhiều lắm!',
		],
		close: [
			'Em đã có hẹn phỏng vấn với công ty của bạn {mt}. Em cảm ơn {mt} {mentor} nhiều ạ, em xác nhận hoàn thành.',
			'Chúc em may mắn! {Mt} xác nhận rồi nhé.',
		],
	},
};

/** Indonesian threads: a business question, and planning the return from Japan. */
export const SCRIPTS_ID: Record<string, Script> = {
	business: {
		goal: 'Nasihat tentang {topic} untuk {business}',
		request:
			'Selamat siang {pak} {mentor}, saya {mentee}. Saya pulang dari {prefecture} setelah {years} tahun bekerja di sana. Sekarang saya menjalankan {business} di {region} dan butuh nasihat tentang {topic}. Apakah {bapak} bersedia membimbing saya?',
		question:
			'Terima kasih, {mentee}. Sebelum saya jawab: usahanya sudah berjalan berapa lama, dan berapa orang yang bekerja dengan Anda?',
		reply: 'Sudah sembilan bulan, {pak}. Kami bertiga, saya dan dua karyawan.',
		talk: [
			'Baik. Pertama, tolong kirim catatan penjualan dan biaya tiga bulan terakhir. Dengan angka kita bisa bicara lebih konkret.',
			'Ini ringkasannya: penjualan sekitar 18 juta rupiah per bulan, biaya 12 juta. Bulan Agustus turun karena listrik sering padam.',
			'Untuk tahun pertama itu sudah bagus. Terapkan cara kerja di Jepang: catat setiap hari, perbaiki sedikit demi sedikit (kaizen). Setiap minggu pilih satu hal untuk diperbaiki.',
			'Minggu ini kami menata gudang dengan 5S. Karyawan bilang sekarang lebih cepat mencari barang.',
			'Bagus sekali! Minggu depan kita video call untuk membahas rencana tiga bulan ke depan.',
			'Siap, {pak}. Terima kasih banyak.',
		],
		close: [
			'Terima kasih atas bimbingannya selama ini, {pak} {mentor}. Saya konfirmasi mentoring ini selesai.',
			'Sama-sama, {mentee}. Sukses terus, kabari saya kalau ada perkembangan. Dari saya juga sudah dikonfirmasi.',
		],
	},
	home_in_japan: {
		goal: 'Persiapan pulang ke Indonesia dan memakai keterampilan dari Jepang',
		request:
			'Halo {pak} {mentor}, saya sekarang bekerja di {prefecture} dan kontrak saya selesai tahun depan. Saya ingin bersiap dari sekarang: lebih baik bekerja di perusahaan Jepang di Indonesia atau membuka usaha sendiri? Mohon sarannya.',
		question: 'Berapa bulan lagi Anda pulang, dan kira-kira sudah punya tabungan berapa?',
		reply:
			'Sekitar sepuluh bulan lagi, {pak}. Tabungan sekitar 1,2 juta yen, tapi sebagian untuk keluarga.',
		talk: [
			'Putuskan dari sekarang berapa untuk keluarga dan berapa untuk rencana Anda, lalu catat. Banyak dari kita pulang dan uangnya habis dalam enam bulan.',
			'Itu yang terjadi pada sepupu saya. Saya akan simpan 60 % terpisah.',
			'Bagus. Sebelum pulang, minta surat referensi dari perusahaan dan salinan semua sertifikat. Perusahaan Jepang di Indonesia sering memintanya.',
			'Tadi saya sudah tanya ke atasan, katanya boleh.',
			'Baik. Nanti saya kenalkan dengan teman yang merekrut purna Jepang.',
			'Terima kasih banyak, {pak}!',
		],
		close: [
			'Saya sudah dapat jadwal wawancara dengan perusahaan teman {bapak}. Terima kasih, {pak} {mentor}, saya konfirmasi selesai.',
			'Semoga lancar, {mentee}! Dari saya juga sudah dikonfirmasi.',
		],
	},
};

/** Japanese threads, for pairs whose shared language is Japanese. */
export const SCRIPTS_JA: Record<string, Script> = {
	business: {
		goal: '{topic}について相談したい',
		request:
			'{mentor}様\nはじめまして、{mentee}と申します。日本で{years}年間働いて帰国し、今は{region}で{business}を経営しています。{topic}についてご相談させていただけないでしょうか。よろしくお願いいたします。',
		question:
			'{mentee}さん、ご連絡ありがとうございます。お手伝いする前に、今いちばん困っていることを一つ教えてください。',
		reply: 'はい。納期を守ることです。注文が増えて、遅れることが多くなりました。',
		talk: [
			'なるほど。まず一か月、毎日の生産数と遅れた注文を記録してみてください。原因は数字を見ればわかります。',
			'記録を始めました。遅れの半分は、材料の到着が遅いことが原因でした。',
			'それなら仕入れ先と話して、材料を一週間分多めに持つのがいいと思います。日本の工場でも同じ工夫をしています。',
			'仕入れ先と相談して、毎週月曜日に届けてもらうことになりました。',
			'いいですね。小さな改善を続けることが大事です。来月また状況を教えてください。',
			'ありがとうございます。がんばります。',
		],
		close: [
			'{mentor}さん、これまで本当にありがとうございました。納期の遅れはほとんどなくなりました。完了を確認します。',
			'お疲れさまでした、{mentee}さん。これからも応援しています。こちらも完了を確認しました。',
		],
	},
};

/** The mentee's words when they stop an active mentorship early, and the mentor's. */
export const CANCEL_EN = {
	mentee:
		'I am sorry, {mentor}: I was offered a job in Japan again and leave next month, so I have to stop here. Thank you for your time so far.',
	mentor:
		'{mentee}, I am sorry, but I have to stop: a big order came in and I cannot give you the time you deserve. Please ask another mentor; the find page shows who has places free.',
};

/** Decline notes by reason, in the thread's language (null: declined without a note). */
export const DECLINE_NOTES: Record<
	ThreadLanguage,
	Partial<Record<string, readonly (string | null)[]>>
> = {
	en: {
		no_capacity: [
			'I am sorry, I already have all the mentees I can give time to. Please ask again in two months, or try another mentor.',
			null,
		],
		outside_expertise: [
			'I know manufacturing, not this kind of business. Someone who has run one will help you much more.',
			'Your question is about licences in a country I do not know. Please ask a mentor from your country.',
		],
		language: [
			'We would only share Japanese, and I think it would be hard to go into details that way. A mentor who speaks your language will help you more.',
		],
		other: [
			'You already run a bigger business than mine! I do not think I can teach you much. Good luck.',
			null,
		],
	},
	vi: {
		no_capacity: [
			'Xin lỗi em, hiện giờ {mt} đã nhận đủ người rồi. Em thử hỏi lại sau hai tháng nhé.',
		],
		outside_expertise: [
			'{Mt} không rành lĩnh vực này. Em nên hỏi một người đã từng làm trong ngành.',
		],
	},
	id: {
		no_capacity: [
			'Mohon maaf, saat ini saya sudah membimbing cukup banyak orang. Silakan hubungi saya lagi dua bulan lagi.',
		],
		outside_expertise: [
			'Maaf, bidang ini di luar pengalaman saya. Lebih baik bertanya kepada mentor yang pernah menjalankan usaha seperti ini.',
		],
	},
	ja: {
		no_capacity: [
			'申し訳ありません。今は担当できる人数がいっぱいです。二か月後にまたご連絡ください。',
		],
		outside_expertise: [
			'申し訳ありませんが、この分野は私の経験外です。同じ業種の経験があるメンターに相談してください。',
		],
	},
};

/** Private comments with feedback (only their author and staff ever read them). */
export const FEEDBACK_COMMENTS = {
	mentee: [
		'Clear, practical advice and always an answer within a day or two.',
		'The most useful thing was being told to start smaller. It saved me money.',
		'Helpful, although I would have liked a video call or two instead of only chat.',
		'Felt like talking to a senpai who had made the same mistakes already.',
		'Good advice on the numbers. I still need to find the right lender.',
	],
	mentor: [
		'Well prepared and did everything we agreed between messages.',
		'Motivated, but the plan kept changing; we got there in the end.',
		'A pleasure. I learned something about my own business too.',
	],
} as const;

/** The request a broker sends pretending to ask for mentoring, which the mentor reports. */
export const SCAM = {
	goal: 'Cooperation for sending workers to Japan',
	request:
		'Dear Sir, I am agent for sending workers to Japan. I can process visa for your members very fast, only 450,000 yen per person, paid to my account before departure. Guarantee job in factory or farm, no test needed. Please share this offer with your members and I give you commission 10%. Contact me on WhatsApp for details.',
	declineNote: 'This is not a mentoring request.',
	report:
		'This "request" asks people to pay 450,000 yen up front for a visa "with no test needed", and offers me a commission for passing it on to the people we help. Fees like this are what push interns into debt; please check this member\u2019s other messages.',
};

/** How topics read inside a sentence, for the templates that name one. */
export const TOPIC_WORDS: Record<'vi' | 'id' | 'ja', Record<string, string>> = {
	vi: {
		financing: 'vốn',
		registration_licences: 'đăng ký kinh doanh và giấy phép',
		marketing: 'tìm khách hàng',
		operations_quality: 'quản lý chất lượng',
		japanese_business_practice: 'làm việc với đối tác Nhật',
		exporting_to_japan: 'xuất khẩu sang Nhật',
		hiring: 'tuyển người',
		agriculture: 'nông nghiệp',
		construction: 'xây dựng',
		care: 'dịch vụ chăm sóc',
		food: 'kinh doanh thực phẩm',
		manufacturing: 'sản xuất',
		it: 'công nghệ thông tin',
		tourism: 'du lịch',
	},
	id: {
		financing: 'permodalan',
		registration_licences: 'perizinan usaha',
		marketing: 'pemasaran',
		operations_quality: 'mutu dan operasional',
		japanese_business_practice: 'kerja sama dengan perusahaan Jepang',
		exporting_to_japan: 'ekspor ke Jepang',
		hiring: 'merekrut karyawan',
		agriculture: 'pertanian',
		construction: 'konstruksi',
		care: 'layanan perawatan',
		food: 'usaha makanan',
		manufacturing: 'manufaktur',
		it: 'TI',
		tourism: 'pariwisata',
	},
	ja: {
		operations_quality: '品質管理',
		japanese_business_practice: '日本企業との取引',
		exporting_to_japan: '日本への輸出',
		manufacturing: '製造',
		food: '食品の製造',
		construction: '建設',
	},
};

/** What a business is called when the mentee has not named theirs. */
export const UNNAMED_BUSINESS: Record<ThreadLanguage, string> = {
	en: 'my business',
	vi: 'cơ sở của em',
	id: 'usaha saya',
	ja: '小さな会社',
};
