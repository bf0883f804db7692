package io.parley.query.user;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface UserEntryRepository extends JpaRepository<UserEntry, Long> {

    Optional<UserEntry> findFirstByUsernameKeyAndPasswordHashIsNotNull(String usernameKey);
}
