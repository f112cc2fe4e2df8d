package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.factor.FactorSummary;
import com.cerby.scimtoken.factor.OwnedFactors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

@ApplicationScoped
public class PasskeyRepository implements OwnedFactors<Passkey> {

    private final RegistrationChallenges challenges;

    PasskeyRepository(RegistrationChallenges challenges) {
        this.challenges = challenges;
    }

    /** The user's passkeys and the challenges of registrations under way, which would otherwise add one after. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int removeAll(String userId) {
        challenges.removeAll(userId);
        return OwnedFactors.super.removeAll(userId);
    }

    @Override
    public void summarize(String userId, FactorSummary summary) {
        summary.passkeys(listOwnedBy(userId));
    }

    /** The user's passkey with this credential id; another user's credential is indistinguishable from none. */
    Optional<Passkey> findOwnedByCredentialId(byte[] credentialId, String userId) {
        return find("credentialId = ?1 and userId = ?2", credentialId, userId).firstResultOptional();
    }

    boolean isRegistered(byte[] credentialId) {
        return count("credentialId", credentialId) > 0;
    }
}
