import Testing
import SafeReplayDetect

@Suite struct JWTTests {
    // {"alg":"HS256","typ":"JWT"} . {"sub":"1234567890","name":"John Doe","iat":1516239022} . signature
    static let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

    @Test func tokensAreFound() {
        #expect(found("id_token=\(Self.token)&x=1") == [Found(.jwt, Self.token)])
        #expect(found("Authorization: Bearer \(Self.token)") == [Found(.jwt, Self.token)])
    }

    @Test func unsignedTokensNeedAlgNone() {
        // {"alg":"none"} . {"sub":"1"} . (empty)
        let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."
        #expect(found("t \(unsigned) end") == [Found(.jwt, unsigned)])
        // {"alg":"HS256"} with an empty signature is not a JWT.
        #expect(found("t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0. end").isEmpty)
    }

    @Test(arguments: [
        // base64 `=` padding kept by some encoders, on every segment or on some.
        "eyJhbGciOiJIUzUxMiIsImtpZCI6ImsxIn0=.eyJzdWIiOiIxIn0=.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c=",
        "eyJhbGciOiJIUzUxMiIsImtpZCI6ImsxIn0.eyJzdWIiOiIxIn0=.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        // {"alg":"HS256","typ":"JWT"}: no padding needed.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMiJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        // { "alg" : "HS256" }: a space after the brace, so `eyA`, not `eyJ`; and padded.
        "eyAiYWxnIiA6ICJIUzI1NiIgfQ.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "eyAiYWxnIiA6ICJIUzI1NiIgfQ==.eyJzdWIiOiIxIn0=.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ])
    func paddedAndSpacedTokensAreFound(_ token: String) {
        #expect(found("t \(token) end") == [Found(.jwt, token)])
        #expect(found("Authorization: Bearer \(token)") == [Found(.jwt, token)])
    }

    @Test(arguments: [
        "eyAidHlwIiA6ICJKV1QiIH0.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",  // { "typ" : "JWT" }: no alg
        "eyJhbGciOiJIUzUxMiIsImtpZCI6ImsxIn0==.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",  // two `=` where one completes it
    ])
    func wrongPaddingOrNoAlgIsNotAJWT(_ text: String) {
        #expect(found("blob \(text) end").filter { $0.type == .jwt }.isEmpty)
    }

    @Test(arguments: [
        "eyJub3QganNvbiBhdCBhbGw.eyJ4IjoxfQ.c2lnbmF0dXJl",  // header "{not json at all"
        "eyJhbGc6SFMyNTZ9.eyJ4IjoxfQ.c2lnbmF0dXJl",  // {alg:HS256}: keys unquoted
        "eyJ0eXAiOiJKV1QifQ.eyJ4IjoxfQ.c2lnbmF0dXJl",  // {"typ":"JWT"}: no alg
        "eyJhbGciOiJIUzI1NiJ9eA.eyJ4IjoxfQ.c2lnbmF0dXJl",  // valid JSON followed by junk
        "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ",  // two segments
        "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln.ZXh0cmE",  // four segments
    ])
    func jwtShapedStringsWithoutAJSONHeaderAreNotJWTs(_ text: String) {
        #expect(found("blob \(text) end").filter { $0.type == .jwt }.isEmpty)
    }
}

@Suite struct TokenAndKeyTests {
    @Test func bearerTokensAreFound() {
        #expect(found("Authorization: Bearer 4f7Kq9zXbT2mWc8RyL0p") == [Found(.bearerToken, "4f7Kq9zXbT2mWc8RyL0p")])
        #expect(found("-H 'authorization: bearer abc.DEF-123_xyz~0'") == [Found(.bearerToken, "abc.DEF-123_xyz~0")])
        #expect(found("Authorization: Basic dXNlcjpwYXNzd29yZA==") == [Found(.bearerToken, "dXNlcjpwYXNzd29yZA==")])
        // `.` is a token character even last: a credential's trailing dots are masked with it.
        #expect(found("Authorization: Bearer Z.tlqpe_fWWZMjS2wQCUyx~T~CVOf. next") == [Found(.bearerToken, "Z.tlqpe_fWWZMjS2wQCUyx~T~CVOf.")])
        #expect(found("Authorization: Token 8V1f2lwCVqNi8V1f.. x") == [Found(.bearerToken, "8V1f2lwCVqNi8V1f..")])
    }

    @Test func bearerInProseIsNotAToken() {
        #expect(found("the bearer of this letter").isEmpty)
        #expect(found("token_type=bearer Authorization: none").isEmpty)
    }

    @Test(arguments: [
        "AKIAIOSFODNN7EXAMPLE", "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",
        "github_pat_11ABCDEFG0123456789abc_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "pk_live_51H8abcDEFghiJKLmnoPQR", "rk_live_9a8b7c6d5e4f3g2h1i",
        "xoxb-12345678901-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
        "sk-proj-A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6", "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",
        "SK0123456789abcdef0123456789abcdef", "glpat-xYz12AbC34dEf56GhI78",
    ])
    func vendorKeysAreFound(_ key: String) {
        #expect(found("key: \(key)") == [Found(.apiKey, key)])
    }

    @Test func valuesAfterSecretNamedKeysAreFound() {
        #expect(found("api_key=9fQ2xL7vB4nM8kR1tZ6w") == [Found(.apiKey, "9fQ2xL7vB4nM8kR1tZ6w")])
        #expect(found("{\"apiKey\": \"b7e3c1d9a2f4e6b8c0d2\"}") == [Found(.apiKey, "b7e3c1d9a2f4e6b8c0d2")])
        #expect(found("client_secret=Zx81-Qw7_Er5Ty3Ui9Op&grant=1") == [Found(.apiKey, "Zx81-Qw7_Er5Ty3Ui9Op")])
        #expect(found("password=hunter2!") == [Found(.apiKey, "hunter2!")])
        #expect(found("DB_PASSWORD: \"correct horse\"") == [Found(.apiKey, "correct horse")])
    }

    /// Keywords under ten letters, the shortest spelling of each and others: the scan lets a
    /// short word through to the keyword match by its tail and its length
    /// (`PIIScan.keywordTailFits`), so each must still find its value.
    @Test(arguments: [
        ("key: 9fQ2xL7vB4nM8kR1tZ6w", "9fQ2xL7vB4nM8kR1tZ6w"), ("x-api-key: 9fQ2xL7vB4nM8kR1tZ6w", "9fQ2xL7vB4nM8kR1tZ6w"),
        ("token=9fQ2xL7vB4nM8kR1tZ6w", "9fQ2xL7vB4nM8kR1tZ6w"), ("TOKEN=9fQ2xL7vB4nM8kR1tZ6w", "9fQ2xL7vB4nM8kR1tZ6w"),
        ("secret=9fQ2xL7vB4nM8kR1tZ6w", "9fQ2xL7vB4nM8kR1tZ6w"), ("pwd=hunter2!", "hunter2!"), ("PWD: hunter2!", "hunter2!"),
        ("passwd=hunter2!", "hunter2!"), ("password=hunter2!", "hunter2!"), ("passcode=hunter2!", "hunter2!"),
    ])
    func shortKeywordsIntroduceTheirValues(_ text: String, _ value: String) {
        #expect(found(text) == [Found(.apiKey, value)])
    }

    /// Keywords of ten letters or more, one for each tail: the scan lets a long word through
    /// to the keyword match only by its tail (`PIIScan.keywordTailFilter`'s long-word half).
    @Test(arguments: [
        "aws_secret_key", "CLIENT_SECRET", "refresh_token", "DB_PASSWORD", "database_passwd", "database_pwd",
        "WIFI_PASSPHRASE", "login_passcode", "gcp_credential", "AWS_CREDENTIALS",
    ])
    func longKeywordsIntroduceTheirValues(_ keyword: String) {
        #expect(found("\(keyword)=Zx81-Qw7_Er5Ty3Ui9Op") == [Found(.apiKey, "Zx81-Qw7_Er5Ty3Ui9Op")], "\(keyword)")
        #expect(found("x-Authorization: Zx81-Qw7_Er5Ty3Ui9Op") == [Found(.bearerToken, "Zx81-Qw7_Er5Ty3Ui9Op")])
    }

    /// `Bearer` and `Authorization` in any case, and with `_` or `-` inside (the plain
    /// spellings are matched by a load, the others byte by byte).
    @Test(arguments: [
        "BEARER 4f7Kq9zXbT2mWc8RyL0p", "bEaReR 4f7Kq9zXbT2mWc8RyL0p", "be-arer 4f7Kq9zXbT2mWc8RyL0p",
        "_bearer 4f7Kq9zXbT2mWc8RyL0p", "AUTHORIZATION: 4f7Kq9zXbT2mWc8RyL0p", "x_authorization=4f7Kq9zXbT2mWc8RyL0p",
        "auth-orization: 4f7Kq9zXbT2mWc8RyL0p", "Authorization: \"4f7Kq9zXbT2mWc8RyL0p\"",
    ])
    func bearerAndAuthorizationSpellings(_ text: String) {
        #expect(found(text) == [Found(.bearerToken, "4f7Kq9zXbT2mWc8RyL0p")], "\(text)")
    }

    @Test func wordsNearBearerOrAuthorizationAreNotThem() {
        for text in ["bearers 4f7Kq9zXbT2mWc8RyL0p", "bearee 4f7Kq9zXbT2mWc8RyL0p", "bear 4f7Kq9zXbT2mWc8RyL0p",
                     "authorizations: 4f7Kq9zXbT2mWc8RyL0p", "authorisation: 4f7Kq9zXbT2mWc8RyL0p"] {
            #expect(!found(text).contains { $0.type == .bearerToken }, "\(text)")
        }
    }

    /// `key` alone or after exactly `api` (any case, one joiner) takes a value after a space;
    /// other words ending in `key` need `=` or `:`.
    @Test func apiKeyTakesASpacedValue() {
        for keyword in ["apikey", "API_KEY", "Api-Key", "key", "_api_key"] {
            #expect(found("\(keyword) 9fQ2xL7vB4nM8kR1tZ6wAbCd") == [Found(.apiKey, "9fQ2xL7vB4nM8kR1tZ6wAbCd")], "\(keyword)")
        }
        for keyword in ["xapi_key", "apx_key", "a_i_key", "monkey"] {
            #expect(found("\(keyword) 9fQ2xL7vB4nM8kR1tZ6wAbCd").isEmpty, "\(keyword)")
        }
    }

    /// Vendor keys of 14 to 28 letters without a digit: the scan passes such words without a
    /// look unless their first letter can start a vendor key, so each must still be found.
    @Test(arguments: [
        "xoxb-AbCdEfGhIjKl", "sk_live_AbCdEfGhIjKlMn", "AKIAABCDEFGHIJKLMNOP", "glpat-AbCdEfGhIjKlMnOpQrSt",
        "xapp-AbCdEfGhIjKlMnOp",
    ])
    func digitlessVendorKeysAreFound(_ key: String) {
        #expect(found("see \(key) now") == [Found(.apiKey, key)], "\(key)")
    }

    @Test func wordsEndingLikeAShortKeywordAreNotKeywords() {
        // The tails of `passcode`, `password`, `bearer`, `token` and `secret`, in shorter words.
        for word in ["code", "barcode", "word", "sword", "beer", "rer", "ken", "oken", "ret", "cret"] {
            #expect(found("\(word)=hunter2!").isEmpty, "\(word)")
        }
        #expect(found("Authorization: Bearer 4f7Kq9zXbT2mWc8RyL0p") == [Found(.bearerToken, "4f7Kq9zXbT2mWc8RyL0p")])
    }

    @Test(arguments: [
        ("password=Tr0ub4dor&3", "Tr0ub4dor&3"),  // `&` inside the value, nothing after
        ("password=Tr0ub4dor&3 next", "Tr0ub4dor&3"),
        ("Server=db;User Id=sa;Password=S3cr;t!x;Database=app", "S3cr;t!x"),  // `;` inside, then a field
        ("https://x.test/login?user=ana&password=hunter22&next=/home", "hunter22"),  // `&` starts a field
        ("Server=db;Password=S3cret!x;Database=app", "S3cret!x"),
        ("password=abc123;", "abc123"),  // a trailing `;` ends it
    ])
    func passwordsRunToTheNextFieldNotToTheFirstAmpersand(_ text: String, _ password: String) {
        #expect(found(text) == [Found(.apiKey, password)])
    }

    @Test func placeholdersAndWordsAfterKeysAreNotSecrets() {
        #expect(found("api_key=YOUR_API_KEY").isEmpty)
        #expect(found("password=********").isEmpty)
        #expect(found("password: null").isEmpty)
        #expect(found("secret=${SECRET}").isEmpty)
        #expect(found("the key to success").isEmpty)
        #expect(found("monkey=banana").isEmpty)
    }

    @Test func bareRandomStringsAreSecretsButDigestsAreNot() {
        let hex = "3f9a0c2e7b14d58e6a0f9c3b2d1e8f7a"
        #expect(found("value \(hex) here") == [Found(.apiKey, hex)])
        #expect(found("commit 9fceb02d0ae598e95dc970b74767f19372d61af8").isEmpty)
        #expect(found("sha256: \(hex)\(hex)").isEmpty)
        #expect(found("Merge 9fceb02d0ae598e95dc970b74767f19372d61af8 into main").isEmpty)
        #expect(found("request 550e8400-e29b-41d4-a716-446655440000").isEmpty)
        #expect(found("call getUserAccountSettingsForCurrentSession2()").isEmpty)
        #expect(found("main.3f9a0c2e7b14d58e6a0f9c3b2d1e8f7a.js").isEmpty)
    }
}
