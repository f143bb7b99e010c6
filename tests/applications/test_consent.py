from yuyang_union.applications.consent import CONSENT_VERSION, texts_digest

# The texts each version stands for. Change a consent text (or its Chinese) and this fails:
# give the new text a new CONSENT_VERSION, and add its digest here.
DIGESTS = {
    "2026-12-v1": "da9a97a7bcb777b297e8cf11dc29cef86f264da215f90ae88a25766c1d47171d",
}


def test_the_consent_texts_are_those_of_their_version():
    assert DIGESTS[CONSENT_VERSION] == texts_digest()
